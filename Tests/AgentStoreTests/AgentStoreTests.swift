import AgentStore
import Foundation
import Synchronization
import SyncEngine
import Testing
import TestSupport

@Suite("Agent store")
struct AgentStoreTests {
    /// A clock the test moves by hand.
    final class Clock: Sendable {
        let time = Mutex(Date(timeIntervalSince1970: 1_750_000_000))
        func advance(days: Double) { time.withLock { $0 += days * 86_400 } }
        var now: @Sendable () -> Date { { [self] in time.withLock { $0 } } }
    }

    static func store(_ clock: Clock = Clock(), retention: AgentStoreRetention = AgentStoreRetention()) throws -> AgentStore {
        let folder = try TestFolder.make("agentstore")
        return try AgentStore(path: folder.appendingPathComponent(AgentStore.fileName).path, retention: retention, now: clock.now)
    }

    static let ada = Link(
        kind: .user, targetID: "t-ada", origin: .created, hash: "h1", mappingVersion: "m1",
        fieldHashes: ["userName": "f1", "emails": "f2"], active: true, uniqueKeys: ["ada@example.com"], name: "ada.lovelace")

    @Test("the database is in WAL mode")
    func wal() async throws {
        #expect(try await Self.store().journalMode() == "wal")
    }

    @Test("links, members written and base-DN counts come back as the state the planner reads")
    func stateRoundTrip() async throws {
        let store = try Self.store()
        var batch = OutcomeBatch()
        batch.links["a-1"] = Self.ada
        batch.links["g-1"] = Link(kind: .group, targetID: "t-g", origin: .linked, active: true, missingInTarget: true)
        batch.membersAdded["g-1"] = ["a-1", "a-2"]
        try await store.record(batch)
        var removal = OutcomeBatch()
        removal.membersRemoved["g-1"] = ["a-2"]
        try await store.record(removal)
        try await store.saveBaseDNCounts(["ou=people,dc=example,dc=com": 12])

        let state = try await store.loadState()
        #expect(state.links["a-1"] == Self.ada)
        #expect(state.links["g-1"]?.origin == .linked)
        #expect(state.links["g-1"]?.missingInTarget == true)
        #expect(state.membersWritten["g-1"] == ["a-1"])
        #expect(state.baseDNCounts == ["ou=people,dc=example,dc=com": 12])

        var unlink = OutcomeBatch()
        unlink.unlinked = ["g-1"]
        try await store.record(unlink)
        let after = try await store.loadState()
        #expect(after.links["g-1"] == nil)
        #expect(after.membersWritten["g-1"] == nil)
    }

    @Test("hashes and digests of earlier versions (16, 32 and 64 digits) load as today's 15, so an upgrade rewrites nothing")
    func fieldHashLength() async throws {
        let store = try Self.store()
        var batch = OutcomeBatch()
        var link = Self.ada
        link.fieldHashes = ["userName": "0123456789abcdef", "emails": "fedcba987654321"]
        link.hash = String(repeating: "0123456789abcdef", count: 4)
        link.sourceDigest = String(repeating: "fedcba9876543210", count: 2)
        batch.links["a-1"] = link
        batch.membersAdded["g-1"] = ["a-1"]
        batch.membersAdded["g-2"] = ["a-1", "a-2"]
        try await store.record(batch)
        let state = try await store.loadState()
        #expect(state.links["a-1"]?.fieldHashes == ["userName": "0123456789abcde", "emails": "fedcba987654321"])
        #expect(state.links["a-1"]?.hash == "0123456789abcde")
        #expect(state.links["a-1"]?.sourceDigest == "fedcba987654321")
        #expect(state.membersWritten == ["g-1": ["a-1"], "g-2": ["a-1", "a-2"]])
    }

    @Test("a window's intents stay journaled, as written, until an outcome completes its entry")
    func journal() async throws {
        let store = try Self.store()
        let first = JournalEntry(id: "w-1", intents: [
            Intent(operation: .create, kind: .user, anchor: "a-1"),
            Intent(operation: .update, kind: .user, anchor: "a-2", targetID: "t-2"),
        ])
        // Anchors are any text a source gives (a DN, with quotes and commas).
        let second = JournalEntry(id: "w-2", intents: [
            Intent(operation: .addMembers, kind: .group, anchor: #"cn=R\, "D",ou=Ünits"#, targetID: "t-3"),
        ])
        try await store.journal(first)
        try await store.journal(second)
        try await store.journal(JournalEntry(id: "w-3", intents: []))  // nothing to settle: no row
        #expect(try await store.pendingJournal() == [first, second])
        var batch = OutcomeBatch()
        batch.completedJournal = ["w-1"]
        try await store.record(batch)
        #expect(try await store.pendingJournal() == [second])
    }

    @Test("failed objects queue for a re-read, counting attempts, and leave the queue once written")
    func retryQueue() async throws {
        let store = try Self.store()
        var failed = OutcomeBatch()
        failed.retry = ["a-1": .user, "g-1": .group]
        try await store.record(failed)
        try await store.record(failed)
        let queue = try await store.retryQueue()
        #expect(queue.map(\.anchor) == ["a-1", "g-1"])
        #expect(queue.map(\.attempts) == [2, 2])
        var written = OutcomeBatch()
        written.succeeded = ["a-1"]
        try await store.record(written)
        #expect(try await store.retryQueue().map(\.anchor) == ["g-1"])
    }

    @Test("watermarks are stored per source")
    func watermarks() async throws {
        let store = try Self.store()
        #expect(try await store.watermark(source: "corp") == nil)
        var batch = OutcomeBatch()
        batch.watermarks = ["corp": "usn:42"]
        try await store.record(batch)
        #expect(try await store.watermark(source: "corp") == "usn:42")
        #expect(try await store.watermark(source: "other") == nil)
    }

    @Test("runs keep their counts and per-object results with request ids")
    func runs() async throws {
        let store = try Self.store()
        let run = try await store.beginRun(mode: .sync)
        var batch = OutcomeBatch(runID: run)
        batch.results = [
            ObjectResult(anchor: "a-1", kind: .user, action: .create, name: "ada.lovelace"),
            ObjectResult(
                anchor: "a-2", kind: .user, action: .create, code: .planLimit, attribute: "active", requestID: "r-9",
                detail: "all seats are taken", failed: true),
        ]
        try await store.record(batch)
        try await store.finishRun(run, countsByAction: ["create": 1], countsByCondition: ["plan-limit": 1], outcome: "failed-objects")
        let results = try await store.results(run: run)
        #expect(results == batch.results)
        let record = try #require(try await store.runs().first)
        #expect(record.id == run)
        #expect(record.mode == .sync)
        #expect(record.countsByCondition == ["plan-limit": 1])
        #expect(record.outcome == "failed-objects")
        #expect(record.endedAt != nil)
    }

    @Test("a link of a deleted source object is kept for the retention period, then purged; restoring clears the mark")
    func deletedLinkRetention() async throws {
        let clock = Clock()
        let store = try Self.store(clock, retention: AgentStoreRetention(deletedLinks: 180 * 86_400, runs: 30 * 86_400))
        var batch = OutcomeBatch()
        batch.links = ["a-1": Self.ada, "a-2": Self.ada, "a-3": Self.ada]
        batch.membersAdded["g-1"] = ["a-1"]
        try await store.record(batch)
        try await store.markSourceDeleted(["a-1", "a-2"])
        #expect(try await store.sourceDeletedAt("a-1") == clock.now())

        clock.advance(days: 100)
        // a-2 is restored: written again, so it is no longer "deleted".
        var restored = OutcomeBatch()
        restored.links = ["a-2": Self.ada]
        try await store.record(restored)
        #expect(try await store.sourceDeletedAt("a-2") == nil)
        #expect(try await store.purgeExpired().links == 0)

        clock.advance(days: 81)
        #expect(try await store.purgeExpired().links == 1)
        let state = try await store.loadState()
        #expect(state.links.keys.sorted() == ["a-2", "a-3"])
        #expect(state.membersWritten["g-1"] == nil)
    }

    @Test("runs older than their retention go with their results")
    func runRetention() async throws {
        let clock = Clock()
        let store = try Self.store(clock, retention: AgentStoreRetention(runs: 7 * 86_400))
        let old = try await store.beginRun(mode: .plan)
        var batch = OutcomeBatch(runID: old)
        batch.results = [ObjectResult(anchor: "a-1", kind: .user, action: .none, code: .invalidEmail)]
        try await store.record(batch)
        clock.advance(days: 8)
        let recent = try await store.beginRun(mode: .sync)
        #expect(try await store.purgeExpired().runs == 1)
        #expect(try await store.runs().map(\.id) == [recent])
        #expect(try await store.results(run: old).isEmpty)
    }
}
