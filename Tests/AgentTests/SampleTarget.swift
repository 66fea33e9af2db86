import Agent
import DirectoryServer
import Foundation
import Hummingbird
import LDAP
import Logging
import SCIM
import SyncEngine
import TestSupport

/// The directory a sample scenario syncs into: directoryd's application on
/// SQLite, served on a loopback port, with an organization that has
/// verified example.org and a custom field `office` of at most 64
/// characters, so every `# BROKEN` entry of the sample meets its condition.
struct SampleTarget {
    let store: SQLiteDirectoryStore
    let organizationID: String
    let folder: String

    static func make() async throws -> (target: SampleTarget, application: some ApplicationProtocol) {
        let folder = try TestFolder.make("sample").path
        let store = try SQLiteDirectoryStore(path: folder + "/directory.sqlite")
        let organization = Organization(name: "Sample", deployment: "us", plan: Plan(name: "test", seatLimit: 1000))
        try await store.createOrganization(organization)
        try await store.addDomain(Domain(organizationID: organization.id, name: "example.org", token: "t", createdAt: Date()))
        try await store.verifyDomain("example.org", organizationID: organization.id)
        try await store.addField(FieldRule(name: "office", kind: .text, maxLength: 64), organizationID: organization.id)
        let token = AccessTokens.mint()
        try await store.saveToken(AccessTokenRecord(hash: AccessTokens.hash(token), organizationID: organization.id, scopes: Set(Scope.allCases), label: "agent"))
        try token.write(toFile: folder + "/token", atomically: true, encoding: .utf8)
        let router = DirectoryApplication.router(store: store, configuration: DirectoryServerConfiguration(rateLimit: nil))
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return (SampleTarget(store: store, organizationID: organization.id, folder: folder), application)
    }

    /// dsync.yaml: this target, the fixture's source, the default mapping
    /// plus `office` ← roomNumber.
    func configuration(port: Int, source: any SampleSourceFixture) -> String {
        """
        target:
          url: http://127.0.0.1:\(port)/scim/v2
          credential: file:\(folder)/token
        \(source.sourcesYAML)
        \(SampleMapping.yaml)
        """
    }

    func environment(port: Int, source: any SampleSourceFixture) throws -> AgentEnvironment {
        try AgentEnvironment(
            configuration: try Configuration.parse(yaml: configuration(port: port, source: source)),
            dataFolder: folder + "/agent", logger: Logger(label: "test"))
    }

    /// One `dsync sync` (or `plan`) in process.
    func run(port: Int, source: any SampleSourceFixture, apply: Bool = true, allowDeletes: Bool = false) async throws -> SyncRunner.Outcome {
        let environment = try environment(port: port, source: source)
        let outcome = try await SyncRunner(environment: environment).run(apply: apply, allowDeletes: allowDeletes)
        await environment.shutdown()
        return outcome
    }

    func users() async throws -> [StoredUser] {
        try await store.users(organizationID: organizationID, query: ResourceQuery()).users
    }

    func groups() async throws -> [StoredGroup] {
        try await store.groups(organizationID: organizationID, query: ResourceQuery()).groups
    }

    func user(anchor: String) async throws -> [StoredUser] {
        try await store.users(organizationID: organizationID, query: ResourceQuery(equality: .externalID(anchor))).users
    }

    func group(anchor: String) async throws -> StoredGroup? {
        try await store.groups(organizationID: organizationID, query: ResourceQuery(equality: .externalID(anchor))).groups.first
    }

    func members(of group: StoredGroup) async throws -> Set<String> {
        Set(try await store.members(ofGroup: group.id).map(\.id))
    }
}
