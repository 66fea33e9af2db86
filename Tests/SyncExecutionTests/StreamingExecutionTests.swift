import AgentStore
import Connectors
import Logging
import SCIM
import SCIMClient
@testable import SyncEngine
import Synchronization
import Testing
import TestSupport

/// An initial sync planned and written at once (`Executor.planAndExecute`):
/// the planner streams the users' creates while it plans the rest.
@Suite("Initial sync streamed while planned, against directoryd")
struct StreamingExecutionTests {
    /// 151 users (one's manager sorts after her, two sharing an email: 149
    /// are written), a user with no email, and a group of them all.
    static let objects: [SourceObject] = {
        var people = (0..<150).map { Sample.user("user\(1000 + $0)") }
        people[0] = Sample.user("user1000", manager: "user1149")
        var twin = Sample.user("twin")
        twin = SourceObject(kind: .user, anchor: twin.anchor, dn: twin.dn, attributes: ["uid": ["twin"], "mail": ["user1001@example.com"], "cn": ["Twin"]])
        let noMail = SourceObject(kind: .user, anchor: "anchor-nomail", dn: Sample.dn("nomail"), attributes: ["uid": ["nomail"], "cn": ["No Mail"]])
        let names = people.map { String($0.anchor.rawValue.dropFirst("anchor-".count)) }
        return people + [twin, noMail, Sample.group("all", members: names + ["twin", "nomail"])]
    }()

    static var events: [ChangeEvent] { objects.map(ChangeEvent.upsert) + [.snapshotComplete] }

    @Test("writes what planning first and then executing writes, in Bulk requests or one by one; a re-run plans nothing", arguments: [true, false])
    func sameAsPlanned(bulk: Bool) async throws {
        let directory = try await LiveDirectory(seatLimit: 500)
        let settings = ExecutorSettings(concurrency: 3, window: 4, bulkOperations: 5)
        // Batches of 7, at most two ahead: the planner waits for the executor.
        try await directory.run(settings: settings, limits: TargetLimits(bulk: bulk)) { agent in
            let state = try await agent.state.loadState()
            let told = Mutex<Plan?>(nil)
            let (plan, report) = try await agent.executor.planAndExecute(
                events: Self.events, state: state, settings: agent.planner, flow: EarlyFlow(batch: 7, batchesAhead: 2),
                planned: { plan in told.withLock { $0 = plan } })
            let planned = Planner.plan(events: Self.events, state: state, settings: agent.planner)
            #expect(plan == planned.withoutValues)
            #expect(told.withLock { $0 } == plan)
            #expect(plan.conditions.map(\.code).sorted { $0.rawValue < $1.rawValue } == [.duplicateInSource, .duplicateInSource, .invalidEmail])

            #expect(report.countsByAction["create"] == 150, "149 users and the group")
            #expect(report.countsByAction["member-add"] == 1)
            #expect(report.failed.sorted() == ["anchor-nomail", "anchor-twin", "anchor-user1001"])
            let links = try await agent.state.loadState().links
            #expect(links.count == 150)
            #expect(try await agent.state.pendingJournal().isEmpty)
            let users = try await agent.users()
            #expect(Set(users.compactMap { $0["externalId"]?.stringValue }) == Set(links.keys.filter { $0 != "anchor-all" }.map(\.rawValue)))
            let firstLink = try #require(links["anchor-user1000"])
            let first = try #require(try await agent.client.get(.users, id: firstLink.targetID))
            #expect(first.json[SCIMSchemaURN.enterpriseUser]?["manager"]?["value"]?.stringValue == links["anchor-user1149"]?.targetID)
            #expect(try await agent.state.loadState().membersWritten["anchor-all"]?.count == 149)

            let again = try await agent.sync(Self.objects)
            #expect(again.plan.actions.isEmpty, "\(again.plan.actions)")
        }
    }

    @Test("a stop while creates stream in ends at a window boundary: the planner, held a batch ahead, finishes; nothing is journaled; the next run does the rest")
    func stopWhileStreaming() async throws {
        let directory = try await LiveDirectory(seatLimit: 500)
        let stop = StopRequest()
        let settings = ExecutorSettings(concurrency: 2, window: 3, stop: stop)
        try await directory.run(settings: settings, limits: TargetLimits(bulk: false)) { agent in
            let counting = CountingTarget(agent.target) { name in if name == "create" { stop.request() } }
            let executor = Executor(target: counting, recorder: agent.state, settings: settings)
            let (plan, report) = try await executor.planAndExecute(
                events: Self.events, state: try await agent.state.loadState(), settings: agent.planner, watermarks: ["source": "w1"],
                flow: EarlyFlow(batch: 1, batchesAhead: 1))
            #expect(report.interrupted)
            #expect(!report.watermarksAdvanced)
            #expect(plan.actions.count == 151, "the whole plan is known: 149 users, the group, its members")
            let written = report.countsByAction["create"] ?? 0
            #expect(written > 0 && written <= 6, "the windows in flight were finished, nothing more was sent")
            #expect(try await agent.state.loadState().links.count == written)
            #expect(try await agent.state.pendingJournal().isEmpty)
            #expect(try await agent.state.watermark(source: "source") == nil)

            let (_, rest) = try await agent.sync(Self.objects, executor: Executor(target: agent.target, recorder: agent.state, settings: ExecutorSettings(window: 3)))
            #expect(rest.countsByAction["create"] == 150 - written)
            #expect(try await agent.users().count == 149)
        }
    }
}

extension StreamingExecutionTests {
    @Test("a target that cannot be reached fails the run before anything is sent, and the planner, held a batch ahead, finishes", .timeLimit(.minutes(1)))
    func unreachableTarget() async throws {
        let client = try SCIMClient(
            configuration: SCIMClientConfiguration(
                baseURL: "http://127.0.0.1:9/scim/v2", instanceID: "test", agentVersion: "0.0.0",
                retry: RetryPolicy(maximumAttempts: 1, initialBackoff: 0.01)),
            credentials: StaticToken("unused"), logger: Logger(label: "test"))
        let state = try AgentStore(folder: TestFolder.path("unreachable"))
        let executor = Executor(target: SCIMTarget(client: client, limits: TargetLimits()), recorder: state)
        await #expect(throws: (any Error).self) {
            try await executor.planAndExecute(
                events: Self.events, state: SyncState(), settings: PlannerSettings(), flow: EarlyFlow(batch: 1, batchesAhead: 1))
        }
        #expect(try await state.loadState().links.isEmpty)
        try await client.shutdown()
    }
}

@Suite struct EarlyGateTests {
    @Test("the planner waits while the batches ahead are not taken; once closed it never waits again")
    func gate() async {
        let gate = EarlyGate(batchesAhead: 1)
        #expect(gate.enter())
        gate.taken()
        #expect(gate.enter())
        // Closed from the executor's side while the planner has no room:
        // its next entries return at once, refused.
        gate.close()
        #expect(!gate.enter())
        #expect(!gate.enter())
    }
}
