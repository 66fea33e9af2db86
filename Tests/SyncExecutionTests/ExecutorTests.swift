import AgentStore
import Connectors
import DirectoryServer
import SCIM
import SCIMClient
import SyncEngine
import Synchronization
import Testing

@Suite("Executor against directoryd")
struct ExecutorTests {
    @Test("a full plan creates users, resolves the manager created in the same run, creates the group with its members; a re-run sends nothing", arguments: [true, false])
    func fullPlan(bulk: Bool) async throws {
        let directory = try await LiveDirectory()
        try await directory.run(limits: TargetLimits(bulk: bulk)) { agent in
            let objects = [Sample.user("bob", manager: "ada"), Sample.user("ada"), Sample.group("eng", members: ["ada", "bob"])]
            let (plan, report) = try await agent.sync(objects)
            #expect(plan.actions.count == 4)
            #expect(report.failed.isEmpty, "\(report.results)")
            #expect(report.countsByAction["create"] == 3)
            let state = try await agent.state.loadState()
            let ada = try #require(state.links["anchor-ada"])
            let bob = try #require(state.links["anchor-bob"])
            let eng = try #require(state.links["anchor-eng"])
            #expect(state.membersWritten["anchor-eng"] == ["anchor-ada", "anchor-bob"])
            let bobResource = try #require(try await agent.client.get(.users, id: bob.targetID))
            #expect(bobResource.json["externalId"]?.stringValue == "anchor-bob")
            #expect(bobResource.json[SCIMSchemaURN.enterpriseUser]?["manager"]?["value"]?.stringValue == ada.targetID)
            let group = try #require(try await agent.client.get(.groups, id: eng.targetID))
            let members = Set(group.json["members"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? [])
            #expect(members == [ada.targetID, bob.targetID])

            let again = try await agent.sync(objects)
            #expect(again.plan.actions.isEmpty, "an unchanged source plans nothing: \(again.plan.actions)")
            #expect(try await agent.users().count == 2)
        }
    }

    @Test("a manager created later in the same run is written to its user afterwards, as part of the create", arguments: [true, false])
    func deferredManager(bulk: Bool) async throws {
        let directory = try await LiveDirectory()
        try await directory.run(limits: TargetLimits(bulk: bulk)) { agent in
            // ada sorts first, so her create goes before zed has an id.
            let (_, report) = try await agent.sync([Sample.user("ada", manager: "zed"), Sample.user("zed")])
            #expect(report.failed.isEmpty, "\(report.results)")
            #expect(report.countsByAction == ["create": 2], "the manager's write is no update of its own")
            let state = try await agent.state.loadState()
            let ada = try #require(state.links["anchor-ada"]), zed = try #require(state.links["anchor-zed"])
            let adaResource = try #require(try await agent.client.get(.users, id: ada.targetID))
            #expect(adaResource.json[SCIMSchemaURN.enterpriseUser]?["manager"]?["value"]?.stringValue == zed.targetID)
            #expect(try await agent.sync([Sample.user("ada", manager: "zed"), Sample.user("zed")]).plan.actions.isEmpty)
        }
    }

    @Test("a create answered 409 finds the existing account, links and updates it, and reports already-exists as information", arguments: [true, false])
    func alreadyExists(bulk: Bool) async throws {
        let directory = try await LiveDirectory()
        try await directory.run(limits: TargetLimits(bulk: bulk)) { agent in
            let existing = try await agent.client.create(.users, ["schemas": [.string(SCIMSchemaURN.user)], "userName": "ada"])
            let (_, report) = try await agent.sync([Sample.user("ada", cn: "Ada Lovelace")])
            #expect(report.failed.isEmpty, "\(report.results)")
            #expect(report.countsByCondition["already-exists"] == 1)
            let link = try #require(try await agent.state.loadState().links["anchor-ada"])
            #expect(link.targetID == existing.id)
            #expect(link.origin == .linked)
            let users = try await agent.users()
            #expect(users.count == 1)
            #expect(users.first?["displayName"]?.stringValue == "Ada Lovelace")
        }
    }

    @Test("an existing administrator is never linked: link-refused-privileged", arguments: [true, false])
    func privileged(bulk: Bool) async throws {
        let directory = try await LiveDirectory()
        let admin = try await AdministratorService(store: directory.store, organization: directory.organization)
            .add(userName: "root@example.com", role: .admin, password: nil)
        try await directory.run(limits: TargetLimits(bulk: bulk)) { agent in
            var root = Sample.user("root")
            root = SourceObject(
                kind: .user, anchor: root.anchor, dn: root.dn,
                attributes: ["uid": ["root@example.com"], "mail": ["root@example.com"], "cn": ["Root"]])
            let (_, report) = try await agent.sync([root])
            let refusal = try #require(report.results.first { $0.code == .linkRefusedPrivileged })
            #expect(refusal.failed)
            #expect(refusal.value == admin.id)
            #expect(try await agent.state.loadState().links.isEmpty)
            let after = try #require(try await agent.client.get(.users, id: admin.id))
            #expect(after.json["displayName"] == nil, "the administrator was not written to")
        }
    }

    @Test("a tracked object deleted by hand is target-missing: recreated by policy, or forgotten", arguments: [true, false])
    func targetMissing(bulk: Bool) async throws {
        let directory = try await LiveDirectory()
        try await directory.run(limits: TargetLimits(bulk: bulk)) { agent in
            try await agent.sync([Sample.user("ada"), Sample.user("bob")])
            let before = try await agent.state.loadState()
            let ada = try #require(before.links["anchor-ada"])
            let bob = try #require(before.links["anchor-bob"])
            try await agent.client.delete(.users, id: ada.targetID)
            try await agent.client.delete(.users, id: bob.targetID)

            // ada: the default policy, recreate. A change makes the agent
            // write to the missing object; the next run creates it again.
            let changed = [Sample.user("ada", cn: "Ada L"), Sample.user("bob")]
            let (_, first) = try await agent.sync(changed)
            #expect(first.results.contains { $0.anchor == "anchor-ada" && $0.code == .targetMissing })
            #expect(try await agent.state.loadState().links["anchor-ada"]?.missingInTarget == true)
            #expect(try await agent.state.retryQueue().map(\.anchor).contains("anchor-ada"))
            let (_, second) = try await agent.sync(changed)
            #expect(second.countsByAction["create"] == 1, "\(second.results)")
            let recreated = try #require(try await agent.state.loadState().links["anchor-ada"])
            #expect(!recreated.missingInTarget)
            #expect(recreated.targetID != ada.targetID)

            // bob: policy forget drops the link.
            let forgetting = Executor(target: agent.target, recorder: agent.state, settings: ExecutorSettings(targetMissing: .forget))
            let plan = SyncEngine.Plan(actions: [.deactivate("anchor-bob", targetID: bob.targetID)])
            let report = try await forgetting.execute(plan, state: try await agent.state.loadState())
            #expect(report.results.contains { $0.anchor == "anchor-bob" && $0.code == .targetMissing && !$0.failed })
            #expect(try await agent.state.loadState().links["anchor-bob"] == nil)
        }
    }

    @Test("member changes go at most two a PATCH; a refused member is isolated by halving and its neighbours are written", arguments: [true, false])
    func memberSplitting(bulk: Bool) async throws {
        let directory = try await LiveDirectory()
        try await directory.run(limits: TargetLimits(bulk: bulk, membersPerPatch: 2)) { agent in
            let names = ["u1", "u2", "u3", "u4"]
            try await agent.sync(names.map { Sample.user($0) } + [Sample.group("eng", members: [])])
            var state = try await agent.state.loadState()
            // A member whose link points at nothing the directory knows (a
            // linked one: a member the agent created is looked up instead,
            // ExecutorMissingMemberTests).
            var ghost = Link(kind: .user, targetID: "no-such-user", origin: .linked)
            ghost.active = true
            var batch = OutcomeBatch()
            batch.links["anchor-ghost"] = ghost
            try await agent.state.record(batch)
            state = try await agent.state.loadState()
            let plan = SyncEngine.Plan(actions: [.addMembers(group: "anchor-eng", members: ["anchor-u1", "anchor-u2", "anchor-ghost", "anchor-u3", "anchor-u4"])])
            let report = try await agent.executor.execute(plan, state: state)
            let refused = report.results.filter { $0.failed }
            #expect(refused.count == 1)
            #expect(refused.first?.value == "anchor-ghost")
            #expect(refused.first?.code == .badRequest)
            #expect(refused.first?.requestID != nil)
            let after = try await agent.state.loadState()
            #expect(after.membersWritten["anchor-eng"] == ["anchor-u1", "anchor-u2", "anchor-u3", "anchor-u4"])
            let eng = try #require(after.links["anchor-eng"])
            let group = try #require(try await agent.client.get(.groups, id: eng.targetID))
            #expect(group.json["members"]?.arrayValue?.count == 4)
        }
    }

    @Test("users beyond the plan's seats fail with plan-limit, the others are written, and the group leaves the missing member out", arguments: [true, false])
    func planLimit(bulk: Bool) async throws {
        let directory = try await LiveDirectory(seatLimit: 2)
        try await directory.run(settings: ExecutorSettings(concurrency: 1), limits: TargetLimits(bulk: bulk)) { agent in
            let objects = [Sample.user("u1"), Sample.user("u2"), Sample.user("u3"), Sample.group("all", members: ["u1", "u2", "u3"])]
            let (_, report) = try await agent.sync(objects)
            #expect(report.countsByAction["create"] == 3)
            let limited = report.results.filter { $0.code == .planLimit }
            #expect(limited.map(\.anchor) == ["anchor-u3"])
            #expect(limited.first?.failed == true)
            let state = try await agent.state.loadState()
            #expect(state.links["anchor-u3"] == nil)
            #expect(state.membersWritten["anchor-all"] == ["anchor-u1", "anchor-u2"])
            #expect(try await agent.state.retryQueue().map(\.anchor) == ["anchor-u3"])
            #expect(try await agent.users().count == 2)
        }
    }

    @Test("crash safety: a journaled create that reached the target is linked on reconcile, never created twice")
    func reconcile() async throws {
        let directory = try await LiveDirectory()
        try await directory.run { agent in
            let ada = Sample.user("ada")
            // The crash: the intent is journaled and the POST arrives, but
            // its outcome was never recorded.
            try await agent.state.journal(JournalEntry(id: "w-1", intents: [Intent(operation: .create, kind: .user, anchor: ada.anchor)]))
            let sent = try await agent.client.create(
                .users, ["schemas": [.string(SCIMSchemaURN.user)], "userName": "ada", "externalId": .string(ada.anchor.rawValue)])

            let linked = try await agent.executor.reconcile(state: try await agent.state.loadState())
            #expect(linked == 1)
            #expect(try await agent.state.pendingJournal().isEmpty)
            #expect(try await agent.state.loadState().links[ada.anchor]?.targetID == sent.id)

            let (plan, report) = try await agent.sync([ada])
            #expect(!plan.actions.contains { if case .create = $0 { true } else { false } })
            #expect(report.failed.isEmpty, "\(report.results)")
            let users = try await agent.users()
            #expect(users.count == 1)
            #expect(users.first?["emails"]?[0]?["value"]?.stringValue == "ada@example.com", "the next run wrote every field")
        }
    }

    @Test("with Bulk: 60 users and a group in requests of 7 operations under a 1 KB payload limit (split in halves); each object once, and a re-run sends nothing")
    func bulkSplitting() async throws {
        let directory = try await LiveDirectory()
        let settings = ExecutorSettings(concurrency: 3, bulkOperations: 7)
        try await directory.run(settings: settings, limits: TargetLimits(bulk: true, bulkMaxPayloadBytes: 1024)) { agent in
            let people = (0..<60).map { Sample.user("user\($0)") }
            let objects = people + [Sample.group("all", members: people.map { String($0.anchor.rawValue.dropFirst("anchor-".count)) })]
            let counting = CountingTarget(agent.target)
            let (_, report) = try await agent.sync(objects, executor: Executor(target: counting, recorder: agent.state, settings: settings))
            #expect(report.failed.isEmpty, "\(report.results.filter(\.failed))")
            #expect(report.countsByAction["create"] == 61)
            #expect(counting.count("create") == 0, "every create went in a Bulk request")
            #expect(counting.count("bulk") >= 9, "61 creates, 7 a request")
            let users = try await agent.users()
            #expect(users.count == 60)
            #expect(Set(users.compactMap { $0["externalId"]?.stringValue }) == Set(people.map(\.anchor.rawValue)))
            let state = try await agent.state.loadState()
            #expect(state.membersWritten["anchor-all"]?.count == 60)
            let again = try await agent.sync(objects)
            #expect(again.plan.actions.isEmpty)
        }
    }

    @Test("a stop request ends the run at a window boundary: the windows in flight are written and recorded, the watermark stays, the next run does the rest")
    func stopAtWindow() async throws {
        let directory = try await LiveDirectory()
        let stop = StopRequest()
        let settings = ExecutorSettings(concurrency: 1, window: 2, stop: stop)
        try await directory.run(settings: settings, limits: TargetLimits(bulk: false)) { agent in
            let people = (0..<10).map { Sample.user("user\($0)") }
            let counting = CountingTarget(agent.target) { name in if name == "create" { stop.request() } }
            let plan = Planner.plan(events: people.map(ChangeEvent.upsert) + [.snapshotComplete], state: try await agent.state.loadState(), settings: agent.planner)
            let interrupted = try await Executor(target: counting, recorder: agent.state, settings: settings)
                .execute(plan, state: try await agent.state.loadState(), watermarks: ["source": "w1"])
            #expect(interrupted.interrupted)
            #expect(!interrupted.watermarksAdvanced)
            // The stop comes with the first create; by then the second
            // window may be in flight too (two windows of two creates).
            let written = interrupted.countsByAction["create"] ?? 0
            #expect(written == 2 || written == 4, "the windows in flight were finished, nothing more was sent")
            #expect(try await agent.state.loadState().links.count == written)
            #expect(try await agent.state.watermark(source: "source") == nil)
            #expect(try await agent.state.pendingJournal().isEmpty)

            let (_, rest) = try await agent.sync(people, executor: Executor(target: agent.target, recorder: agent.state, settings: ExecutorSettings(window: 2)))
            #expect(rest.countsByAction["create"] == 10 - written)
            #expect(try await agent.users().count == 10)
        }
    }

    @Test("progress is told after each window, up to every action of the plan")
    func progress() async throws {
        let directory = try await LiveDirectory()
        let seen = Mutex<[Int]>([])
        let settings = ExecutorSettings(concurrency: 2, window: 3, progress: { done, total in
            #expect(total == 9)
            seen.withLock { $0.append(done) }
        })
        try await directory.run(settings: settings, limits: TargetLimits(bulk: false)) { agent in
            let people = (0..<7).map { Sample.user("user\($0)") }
            let objects = people + [Sample.group("all", members: people.map { String($0.anchor.rawValue.dropFirst("anchor-".count)) })]
            let (plan, report) = try await agent.sync(objects)
            #expect(report.failed.isEmpty)
            #expect(plan.actions.count == 9, "7 users, the group, its members")
        }
        let values = seen.withLock { $0 }
        #expect(values == values.sorted() && values.last == 9, "\(values)")
    }

    @Test("a new source object whose match is already linked to another (a changed identifier) is linked-to-another, not linked twice", arguments: [true, false])
    func linkedToAnother(bulk: Bool) async throws {
        let directory = try await LiveDirectory()
        try await directory.run(limits: TargetLimits(bulk: bulk)) { agent in
            let ada = Sample.user("ada")
            _ = try await agent.sync([ada])
            var renamed = ada
            renamed.anchor = Anchor("anchor-ada-new")
            // The old anchor is gone from the read: its removal is planned too
            // (past the deletion limit of a one-user directory, so allowed).
            let plan = Planner.plan(
                events: [.upsert(renamed), .snapshotComplete], state: try await agent.state.loadState(),
                settings: PlannerSettings(allowDeletes: true))
            let report = try await agent.executor.execute(plan, state: try await agent.state.loadState())
            let refused = try #require(report.results.first { $0.anchor == renamed.anchor })
            #expect(refused.code == .linkedToAnother && refused.failed, "\(report.results)")
            let state = try await agent.state.loadState()
            #expect(state.links[renamed.anchor] == nil)
            #expect(try await agent.users().count == 1, "the old account stays, deactivated by the old anchor's removal")
        }
    }
}
