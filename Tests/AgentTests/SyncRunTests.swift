import Agent
import DirectoryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SCIM
import SyncEngine
import Testing
import TestSupport

/// The whole agent, end to end: the sample directory (LDIF) synced into a
/// real directoryd served on a loopback port, then the second version of
/// the sample applied incrementally.
@Suite("Sync runs end to end")
struct SyncRunTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples").path

    static func setUp(seats: Int) async throws -> (application: some ApplicationProtocol, store: SQLiteDirectoryStore, folder: String, token: String) {
        let folder = try TestFolder.make("agent").path
        let store = try SQLiteDirectoryStore(path: folder + "/directory.sqlite")
        let organization = Organization(name: "Demo", deployment: "us", plan: Plan(name: "test", seatLimit: seats))
        try await store.createOrganization(organization)
        let token = AccessTokens.mint()
        try await store.saveToken(AccessTokenRecord(hash: AccessTokens.hash(token), organizationID: organization.id, scopes: Set(Scope.allCases), label: "agent"))
        try token.write(toFile: folder + "/token", atomically: true, encoding: .utf8)
        let router = DirectoryApplication.router(store: store, configuration: DirectoryServerConfiguration(rateLimit: nil))
        return (Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0))), store, folder, token)
    }

    static func environment(folder: String, port: Int, sample: String) throws -> AgentEnvironment {
        let yaml = """
            target:
              url: http://127.0.0.1:\(port)/scim/v2
              credential: file:\(folder)/token
            sources:
              - name: sample
                ldif:
                  path: \(samples)/\(sample)
                  profile: openldap
                  baseDNs:
                    - ou=People,dc=example,dc=org
                    - ou=Contractors,dc=example,dc=org
                    - ou=Groups,dc=example,dc=org
            """
        return try AgentEnvironment(configuration: try Configuration.parse(yaml: yaml), dataFolder: folder + "/agent", logger: Logger(label: "test"))
    }

    @Test("the first sync creates users and groups and names every refused object; a second plans only what failed")
    func firstSync() async throws {
        let (application, store, folder, _) = try await Self.setUp(seats: 1000)
        try await application.test(.live) { live in
            let environment = try Self.environment(folder: folder, port: try #require(live.port), sample: "directory-v1.ldif")
            let first = try await SyncRunner(environment: environment).run(apply: true, allowDeletes: false)
            let report = try #require(first.report)
            #expect(!report.blocked)
            #expect((report.countsByAction["create"] ?? 0) > 200)
            for code in ["invalid-email", "duplicate-in-source", "invalid-value"] {
                #expect((report.countsByCondition[code] ?? 0) > 0, "\(code)")
            }
            let organization = try #require(try await store.bearer(hash: AccessTokens.hash(try String(contentsOfFile: folder + "/token", encoding: .utf8))))
            let (_, users) = try await store.users(organizationID: organization.organization.id, query: ResourceQuery())
            #expect(users.count == report.countsByAction["create"].map { $0 - 20 } ?? -1)
            // Every created user carries its anchor as externalId.
            #expect(users.allSatisfy { $0.externalID != nil })
            let second = try await SyncRunner(environment: environment).run(apply: false, allowDeletes: false)
            #expect(second.plan.actions.filter { if case .create = $0 { true } else { false } }.isEmpty)
            await environment.shutdown()
        }
    }

    @Test("version 2 of the sample: renames update, the user moved out of scope and the disabled one are deactivated, memberships change")
    func incremental() async throws {
        let (application, store, folder, token) = try await Self.setUp(seats: 1000)
        try await application.test(.live) { live in
            let port = try #require(live.port)
            let v1 = try Self.environment(folder: folder, port: port, sample: "directory-v1.ldif")
            _ = try await SyncRunner(environment: v1).run(apply: true, allowDeletes: false)
            await v1.shutdown()
            let v2 = try Self.environment(folder: folder, port: port, sample: "directory-v2.ldif")
            let outcome = try await SyncRunner(environment: v2).run(apply: true, allowDeletes: false)
            let report = try #require(outcome.report)
            #expect(!report.blocked)
            #expect((report.countsByAction["update"] ?? 0) > 0)
            // olga.becker moved out of scope, tara.koch disabled, jana.fischer deleted.
            #expect(report.countsByAction["deactivate"] == 3, "\(report.countsByAction)")
            #expect((report.countsByAction["member-add"] ?? 0) + (report.countsByAction["member-remove"] ?? 0) > 0)
            // In the directory: olga.becker (moved out) is inactive, the same account.
            let organization = try #require(try await store.bearer(hash: AccessTokens.hash(token))).organization
            let (_, olga) = try await store.users(
                organizationID: organization.id, query: ResourceQuery(equality: .externalID("ec47dfe3-4238-5504-a015-838693f674fc"))
            )
            #expect(olga.count == 1 && olga.first?.active == false)
            await v2.shutdown()
        }
    }
}
