import AgentStore
import DirectoryServer
import Foundation
import SCIM
import SCIMClient
import SyncEngine
import Testing

/// Refusals only a real directory gives, as the agent reports them.
@Suite("Executor: the directory's refusals")
struct ExecutorRefusalTests {
    @Test("the agent's token revoked mid-run: access-lost stops the run at the request refused; what was written is kept, nothing more is sent", arguments: [true, false])
    func accessLost(bulk: Bool) async throws {
        let directory = try await LiveDirectory()
        let store = directory.store, hash = AccessTokens.hash(directory.token)
        try await directory.run(limits: TargetLimits(bulk: bulk)) { agent in
            let revoked = RevokeOnce()
            let target = CountingTarget(agent.target, afterWrite: { _ in
                await revoked.once { try? await store.revokeToken(hash: hash, at: Date()) }
            })
            let settings = ExecutorSettings(concurrency: 1, window: 2, bulkOperations: 2)
            let executor = Executor(target: target, recorder: agent.state, settings: settings)
            let users = (1...6).map { Sample.user("u\($0)") }
            let (_, report) = try await agent.sync(users, executor: executor)
            #expect(report.stoppedBy?.code == .accessLost, "\(report)")
            // The token goes after the first write: one create, or one Bulk
            // request of two. The next request is refused, and is the last.
            let written = try await agent.state.loadState().links.keys.sorted()
            #expect(written == (bulk ? ["anchor-u1", "anchor-u2"] : ["anchor-u1"]))
            #expect(target.count(bulk ? "bulk" : "create") == 2, "one more request, refused; none after it")
            let stored = try await store.users(organizationID: directory.organization.id, query: ResourceQuery()).users
            #expect(stored.compactMap(\.externalID).sorted() == written.map(\.rawValue))
            let refused = report.results.filter(\.failed)
            #expect(refused.map(\.anchor) == (bulk ? ["anchor-u3", "anchor-u4"] : ["anchor-u2"]), "\(report.results)")
            #expect(refused.allSatisfy { $0.code == .accessLost && $0.detail == "the token was revoked" })
        }
    }

    @Test("a group made by hand with the same name: the agent's create is name-conflict, named, and nothing is linked", arguments: [true, false])
    func nameConflict(bulk: Bool) async throws {
        let directory = try await LiveDirectory()
        try await directory.run(limits: TargetLimits(bulk: bulk)) { agent in
            _ = try await agent.client.create(.groups, ["schemas": [.string(SCIMSchemaURN.group)], "displayName": "eng"])
            let (_, report) = try await agent.sync([Sample.user("u1"), Sample.group("eng", members: ["u1"])])
            let conflict = try #require(report.results.first { $0.anchor == "anchor-eng" && $0.failed })
            #expect(conflict.code == .nameConflict, "\(report.results)")
            #expect(conflict.name == "eng")
            #expect(try await agent.state.loadState().links["anchor-eng"] == nil)
            #expect(try await agent.groups().count == 1)
        }
    }
}

/// Runs a piece of work the first time only.
actor RevokeOnce {
    private var done = false

    func once(_ work: () async -> Void) async {
        guard !done else { return }
        done = true
        await work()
    }
}
