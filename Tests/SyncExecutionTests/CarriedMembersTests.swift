import AgentStore
import Connectors
import SCIM
import SCIMClient
import SyncEngine
import Testing

/// A group created in the run takes its first members with its create
/// (`Executor+CarriedMembers.swift`).
@Suite("Group creates carrying their members, against directoryd")
struct CarriedMembersTests {
    @Test("a group's create carries its first members; the rest go by PATCH; the result and the members written are those of a PATCH-only run", arguments: [true, false])
    func carried(bulk: Bool) async throws {
        let directory = try await LiveDirectory()
        try await directory.run(limits: TargetLimits(bulk: bulk, membersPerPatch: 2)) { agent in
            let names = ["u1", "u2", "u3", "u4", "u5"]
            let objects = names.map { Sample.user($0) } + [Sample.group("eng", members: names), Sample.group("two", members: ["u1", "u2"])]
            let counting = CountingTarget(agent.target)
            let (_, report) = try await agent.sync(objects, executor: Executor(target: counting, recorder: agent.state, settings: agent.executor.settings))
            #expect(report.failed.isEmpty, "\(report.results.filter(\.failed))")
            #expect(report.countsByAction["member-add"] == 2)
            #expect(report.results.filter { $0.action == .addMembers }.allSatisfy { $0.detail == nil && !$0.failed })
            if !bulk {
                // eng: 2 with the create, 3 in two PATCHes; two: both with the create.
                #expect(counting.count("changeMembers") == 2)
            }
            let state = try await agent.state.loadState()
            #expect(state.membersWritten["anchor-eng"] == Set(names.map { Anchor("anchor-\($0)") }))
            #expect(state.membersWritten["anchor-two"] == ["anchor-u1", "anchor-u2"])
            for (group, count) in [("anchor-eng", 5), ("anchor-two", 2)] {
                let link = try #require(state.links[Anchor(group)])
                let resource = try #require(try await agent.client.get(.groups, id: link.targetID))
                #expect(resource.json["members"]?.arrayValue?.count == count)
            }
            #expect(try await agent.sync(objects).plan.actions.isEmpty)
        }
    }

    @Test("a create refused for a member goes again without members; the member is refused alone by PATCH, the others written", arguments: [true, false])
    func refusedMember(bulk: Bool) async throws {
        let directory = try await LiveDirectory()
        try await directory.run(limits: TargetLimits(bulk: bulk, membersPerPatch: 4)) { agent in
            let names = ["u1", "u2", "u3"]
            try await agent.sync(names.map { Sample.user($0) })
            // A member whose link points at nothing the directory knows (a
            // linked one: a member the agent created is looked up instead,
            // ExecutorMissingMemberTests).
            var ghost = Link(kind: .user, targetID: "no-such-user", origin: .linked)
            ghost.active = true
            var batch = OutcomeBatch()
            batch.links["anchor-ghost"] = ghost
            try await agent.state.record(batch)
            let plan = SyncEngine.Plan(actions: [
                .create(.group, "anchor-eng", fields: [FieldAssignment("displayName", .json("eng"))], hash: "h"),
                .addMembers(group: "anchor-eng", members: ["anchor-u1", "anchor-ghost", "anchor-u2", "anchor-u3"]),
            ])
            let counting = CountingTarget(agent.target)
            let executor = Executor(target: counting, recorder: agent.state, settings: agent.executor.settings)
            let report = try await executor.execute(plan, state: try await agent.state.loadState())
            // Refused with its members, the create went again alone.
            #expect(counting.count("create") == (bulk ? 1 : 2))
            let refused = report.results.filter(\.failed)
            #expect(refused.count == 1)
            #expect(refused.first?.action == .addMembers)
            #expect(refused.first?.value == "anchor-ghost")
            #expect(report.results.contains { $0.anchor == "anchor-eng" && $0.action == .create && !$0.failed })
            let state = try await agent.state.loadState()
            #expect(state.membersWritten["anchor-eng"] == ["anchor-u1", "anchor-u2", "anchor-u3"])
            let link = try #require(state.links["anchor-eng"])
            #expect(try #require(try await agent.client.get(.groups, id: link.targetID)).json["members"]?.arrayValue?.count == 3)
        }
    }

    @Test("a member change larger than one Bulk request goes as several requests after a create that carried its first member; every member written once")
    func severalRequests() async throws {
        let directory = try await LiveDirectory()
        let settings = ExecutorSettings(concurrency: 2, bulkOperations: 2)
        try await directory.run(settings: settings, limits: TargetLimits(bulk: true, membersPerPatch: 1)) { agent in
            let names = (1...7).map { "u\($0)" }
            let objects = names.map { Sample.user($0) } + [Sample.group("eng", members: names)]
            let counting = CountingTarget(agent.target)
            let (_, report) = try await agent.sync(objects, executor: Executor(target: counting, recorder: agent.state, settings: settings))
            #expect(report.failed.isEmpty, "\(report.results.filter(\.failed))")
            // 7 users in 4 requests, the group with u1 in 1, u2…u7 in 3.
            #expect(counting.count("bulk") == 8)
            let state = try await agent.state.loadState()
            #expect(state.membersWritten["anchor-eng"] == Set(names.map { Anchor("anchor-\($0)") }))
            let link = try #require(state.links["anchor-eng"])
            #expect(try #require(try await agent.client.get(.groups, id: link.targetID)).json["members"]?.arrayValue?.count == 7)
        }
    }

    @Test("crash safety: a group created with its members before a crash is linked on reconcile; the next run adds the members again, each once")
    func crashAfterCreate() async throws {
        let directory = try await LiveDirectory()
        try await directory.run { agent in
            let names = ["u1", "u2"]
            let users = names.map { Sample.user($0) }
            try await agent.sync(users)
            let group = Sample.group("eng", members: names)
            // The crash: the intent is journaled and the create with its
            // members arrives, but its outcome was never recorded.
            let links = try await agent.state.loadState().links
            let ids = try names.map { try #require(links[Anchor("anchor-\($0)")]?.targetID) }
            try await agent.state.journal(JournalEntry(id: "w-1", intents: [Intent(operation: .create, kind: .group, anchor: group.anchor)]))
            let sent = try await agent.target.create(.group, externalID: group.anchor.rawValue, fields: ["displayName": "eng"], members: ids)
            #expect(try await agent.executor.reconcile(state: try await agent.state.loadState()) == 1)
            #expect(try await agent.state.loadState().membersWritten["anchor-eng"] == nil)

            let (_, report) = try await agent.sync(users + [group])
            #expect(report.failed.isEmpty, "\(report.results.filter(\.failed))")
            #expect(try await agent.state.loadState().membersWritten["anchor-eng"] == ["anchor-u1", "anchor-u2"])
            let members = try #require(try await agent.client.get(.groups, id: sent.id)).json["members"]?.arrayValue ?? []
            #expect(members.compactMap { $0["value"]?.stringValue }.sorted() == ids.sorted())
        }
    }
}
