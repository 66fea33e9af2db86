import AgentStore
import Connectors
import DirectoryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SCIM
import SCIMClient
import SyncEngine
import TestSupport

/// A real directoryd router on a loopback port, and an agent (store,
/// SCIM target, executor) pointed at it.
struct LiveDirectory {
    let store: SQLiteDirectoryStore
    let organization: Organization
    let token: String

    init(seatLimit: Int = 100) async throws {
        let folder = try TestFolder.make("syncexec")
        store = try SQLiteDirectoryStore(path: folder.appendingPathComponent("directory.sqlite").path)
        organization = Organization(name: "Acme", deployment: "us", plan: DirectoryServer.Plan(name: "test", seatLimit: seatLimit))
        try await store.createOrganization(organization)
        token = AccessTokens.mint()
        try await store.saveToken(AccessTokenRecord(
            hash: AccessTokens.hash(token), organizationID: organization.id, scopes: Set(Scope.allCases), label: "test"))
    }

    /// Serves the directory and runs `body` with an agent talking to it.
    func run(
        settings: ExecutorSettings = ExecutorSettings(), limits: TargetLimits = TargetLimits(),
        _ body: @Sendable (Agent) async throws -> Void
    ) async throws {
        let router = DirectoryApplication.router(store: store, configuration: DirectoryServerConfiguration())
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let token = token
        try await application.test(.live) { live in
            let port = try live.port ?? { throw CancellationError() }()
            let client = try SCIMClient(
                configuration: SCIMClientConfiguration(
                    baseURL: "http://127.0.0.1:\(port)/scim/v2", instanceID: "test", agentVersion: "0.0.0",
                    retry: RetryPolicy(maximumAttempts: 2, initialBackoff: 0.01)),
                credentials: StaticToken(token), logger: Logger(label: "test"))
            let agent = try Agent(client: client, settings: settings, limits: limits)
            do {
                try await body(agent)
            } catch {
                try await client.shutdown()
                throw error
            }
            try await client.shutdown()
        }
    }
}

/// The agent's side: its store, the SCIM target and an executor.
struct Agent: Sendable {
    let client: SCIMClient
    let state: AgentStore
    let target: SCIMTarget
    let executor: Executor
    let planner = PlannerSettings()

    init(client: SCIMClient, settings: ExecutorSettings, limits: TargetLimits) throws {
        let folder = TestFolder.path("agent")
        self.client = client
        state = try AgentStore(folder: folder)
        target = SCIMTarget(client: client, limits: limits)
        executor = Executor(target: target, recorder: state, settings: settings)
    }

    /// Plans `objects` as a complete read against the stored state and runs it.
    @discardableResult
    func sync(_ objects: [SourceObject], executor: Executor? = nil) async throws -> (plan: SyncEngine.Plan, report: ExecutionReport) {
        let plan = Planner.plan(events: objects.map(ChangeEvent.upsert) + [.snapshotComplete], state: try await state.loadState(), settings: planner)
        let report = try await (executor ?? self.executor).execute(plan, state: try await state.loadState())
        return (plan, report)
    }

    func users() async throws -> [JSON] { try await client.list(.users) }
    func groups() async throws -> [JSON] { try await client.list(.groups) }
}

/// Source objects as an OpenLDAP read would give them.
enum Sample {
    static func user(_ uid: String, manager: String? = nil, cn: String? = nil) -> SourceObject {
        var attributes: [String: [String]] = [
            "uid": [uid], "mail": ["\(uid)@example.com"], "cn": [cn ?? uid.capitalized], "sn": [uid.capitalized],
        ]
        if let manager { attributes["manager"] = [dn(manager)] }
        return SourceObject(kind: .user, anchor: Anchor("anchor-\(uid)"), dn: dn(uid), attributes: attributes)
    }

    static func group(_ cn: String, members: [String]) -> SourceObject {
        SourceObject(
            kind: .group, anchor: Anchor("anchor-\(cn)"), dn: "cn=\(cn),ou=groups,dc=example,dc=com", attributes: ["cn": [cn]],
            members: members.map { Anchor("anchor-\($0)") })
    }

    static func dn(_ uid: String) -> String { "uid=\(uid),ou=people,dc=example,dc=com" }
}
