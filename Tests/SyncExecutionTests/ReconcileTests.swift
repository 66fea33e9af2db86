import AgentStore
import SCIM
import SCIMClient
import Synchronization
import SyncEngine
import Testing

@Suite("Reconcile after a crash")
struct ReconcileTests {
    @Test("a crash with many creates in flight: each journaled create is looked up once, `concurrency` at a time; those that reached the target are linked, the others created by the next run")
    func manyCreates() async throws {
        let directory = try await LiveDirectory()
        let settings = ExecutorSettings(concurrency: 3)
        try await directory.run(settings: settings) { agent in
            let people = (0..<12).map { Sample.user("user\($0)") }
            // Two windows in flight at the crash; the target wrote the
            // first eight creates, and user3 appears in both entries.
            try await agent.state.journal(JournalEntry(id: "w-1", intents: people[0..<6].map { Intent(operation: .create, kind: .user, anchor: $0.anchor) }))
            try await agent.state.journal(JournalEntry(id: "w-2", intents: people[3..<12].map { Intent(operation: .create, kind: .user, anchor: $0.anchor) }))
            var sent: [Anchor: String] = [:]
            for person in people[0..<8] {
                let user = try await agent.client.create(.users, [
                    "schemas": [.string(SCIMSchemaURN.user)], "userName": .string(person.anchor.rawValue),
                    "externalId": .string(person.anchor.rawValue),
                ])
                sent[person.anchor] = user.id
            }

            let counting = CountingTarget(agent.target)
            let executor = Executor(target: counting, recorder: agent.state, settings: settings)
            #expect(try await executor.reconcile(state: try await agent.state.loadState()) == 8)
            #expect(counting.count("find") == 12, "each create once, though user3 was journaled twice")
            let peak = counting.finding.withLock { $0.peak }
            #expect(peak <= 3 && peak >= 2, "at most `concurrency` lookups at once, and more than one: \(peak)")
            #expect(try await agent.state.pendingJournal().isEmpty)
            let links = try await agent.state.loadState().links
            #expect(Dictionary(uniqueKeysWithValues: links.map { ($0.key, $0.value.targetID) }) == sent)

            let (_, report) = try await agent.sync(people)
            #expect(report.failed.isEmpty, "\(report.results.filter(\.failed))")
            #expect(report.countsByAction["create"] == 4)
            #expect(try await agent.users().count == 12)
        }
    }
}
