@testable import AgentStore
import Foundation
import GRDB
import SyncEngine
import Testing
import TestSupport

@Suite("Agent store migrations")
struct AgentStoreMigrationTests {
    @Test("an intent a crashed run of an earlier version left is still reconciled: it becomes a journal entry of its own")
    func intentsBecomeJournalEntries() async throws {
        let path = try TestFolder.make("agentstore-migration").appendingPathComponent(AgentStore.fileName).path
        do {
            // The state file as the version before the journal wrote it.
            let old = try DatabaseQueue(path: path)
            try AgentStoreMigrations.migrator.migrate(old, upTo: "v2: links.source_digest")
            try await old.write { db in
                try db.execute(sql: """
                    INSERT INTO intents (id, operation, kind, anchor, target_id, created_at) VALUES
                        ('i-1', 'create', 'user', 'a-1', NULL, 1),
                        ('i-2', 'update', 'group', 'a-2', 't-2', 2)
                    """)
            }
            try old.close()
        }
        let store = try AgentStore(path: path)
        #expect(try await store.pendingJournal() == [
            JournalEntry(id: "i-1", intents: [Intent(operation: .create, kind: .user, anchor: "a-1")]),
            JournalEntry(id: "i-2", intents: [Intent(operation: .update, kind: .group, anchor: "a-2", targetID: "t-2")]),
        ])
    }
}
