import AgentStore
import SCIMClient
import SyncEngine
import Testing

/// A user the agent created, deleted by hand in the directory, then added
/// to a group: the user is target-missing (and re-created), not the group's
/// failure at every run.
@Suite("Executor: a member deleted in the target")
struct ExecutorMissingMemberTests {
    @Test("adding a member deleted by hand: the member is target-missing and re-created by the next run, which adds it; the group's other members are written", arguments: [true, false])
    func recreated(bulk: Bool) async throws {
        let directory = try await LiveDirectory()
        try await directory.run(limits: TargetLimits(bulk: bulk)) { agent in
            let users = [Sample.user("u1"), Sample.user("u2")]
            try await agent.sync(users + [Sample.group("eng", members: [])])
            let gone = try #require(try await agent.state.loadState().links["anchor-u2"])
            try await agent.client.delete(.users, id: gone.targetID)

            let (_, report) = try await agent.sync(users + [Sample.group("eng", members: ["u1", "u2"])])
            let missing = try #require(report.results.first { $0.anchor == "anchor-u2" })
            #expect(missing.code == .targetMissing && missing.failed, "\(report.results)")
            #expect(missing.detail?.contains("found adding it to the group eng; it is created again next run") == true, "\(String(describing: missing.detail))")
            let group = try #require(report.results.first { $0.anchor == "anchor-eng" })
            #expect(group.code == nil && !group.failed, "the group is not failed for it: \(group)")
            #expect(group.detail == "1 members; 1 wait for their object to be written")
            var state = try await agent.state.loadState()
            #expect(state.links["anchor-u2"]?.missingInTarget == true)
            #expect(state.membersWritten["anchor-eng"] == ["anchor-u1"])

            let (plan, again) = try await agent.sync(users + [Sample.group("eng", members: ["u1", "u2"])])
            #expect(plan.actions.map(\.anchor) == ["anchor-u2", "anchor-eng"], "\(plan.actions)")
            #expect(again.countsByAction == ["create": 1, "member-add": 1], "\(again.results)")
            // The planner's note that it re-creates the missing user is no failure.
            #expect(again.failed.isEmpty, "\(again.results.filter(\.failed))")
            #expect(again.results.contains { $0.code == .targetMissing && $0.action == .none && !$0.failed })
            state = try await agent.state.loadState()
            #expect(state.membersWritten["anchor-eng"] == ["anchor-u1", "anchor-u2"])
            #expect(try await agent.users().count == 2)
        }
    }

    @Test("with targetMissing: forget, the member is no longer tracked and the group is not failed", arguments: [true, false])
    func forgotten(bulk: Bool) async throws {
        let directory = try await LiveDirectory()
        try await directory.run(settings: ExecutorSettings(targetMissing: .forget), limits: TargetLimits(bulk: bulk)) { agent in
            let users = [Sample.user("u1"), Sample.user("u2")]
            try await agent.sync(users + [Sample.group("eng", members: [])])
            let gone = try #require(try await agent.state.loadState().links["anchor-u2"])
            try await agent.client.delete(.users, id: gone.targetID)
            let (_, report) = try await agent.sync(users + [Sample.group("eng", members: ["u1", "u2"])])
            let forgotten = try #require(report.results.first { $0.anchor == "anchor-u2" })
            #expect(forgotten.code == .targetMissing && !forgotten.failed)
            #expect(forgotten.detail?.hasSuffix("no longer tracked (policy: forget)") == true)
            #expect(report.failed.isEmpty, "\(report.results)")
            #expect(try await agent.state.loadState().links["anchor-u2"] == nil)
        }
    }
}
