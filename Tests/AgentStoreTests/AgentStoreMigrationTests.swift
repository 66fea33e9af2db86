@testable import AgentStore
import Foundation
import GRDB
import SyncEngine
import Testing
import TestSupport

@Suite("Agent store migrations")
struct AgentStoreMigrationTests {
    /// A state file as the version whose last migration is `migration`
    /// left it, holding the rows `sql` inserts; its path.
    static func stateFile(upTo migration: String, holding sql: String) async throws -> String {
        let path = try TestFolder.make("agentstore-migration").appendingPathComponent(AgentStore.fileName).path
        let old = try DatabaseQueue(path: path)
        try AgentStoreMigrations.migrator.migrate(old, upTo: migration)
        try await old.write { db in try db.execute(sql: sql) }
        try old.close()
        return path
    }

    @Test("an intent a crashed run of an earlier version left is still reconciled: it becomes a journal entry of its own")
    func intentsBecomeJournalEntries() async throws {
        // The state file as the version before the journal wrote it.
        let path = try await Self.stateFile(upTo: "v2: links.source_digest", holding: """
            INSERT INTO intents (id, operation, kind, anchor, target_id, created_at) VALUES
                ('i-1', 'create', 'user', 'a-1', NULL, 1),
                ('i-2', 'update', 'group', 'a-2', 't-2', 2)
            """)
        let store = try AgentStore(path: path)
        #expect(try await store.pendingJournal() == [
            JournalEntry(id: "i-1", intents: [Intent(operation: .create, kind: .user, anchor: "a-1")]),
            JournalEntry(id: "i-2", intents: [Intent(operation: .update, kind: .group, anchor: "a-2", targetID: "t-2")]),
        ])
    }
}

extension AgentStoreMigrationTests {
    @Test("members written a row each by an earlier version load as before, a row per group")
    func membersWrittenBecomeOneRowPerGroup() async throws {
        let path = try await Self.stateFile(upTo: "v4: object_results by run and id", holding: """
            INSERT INTO members_written (group_anchor, member_anchor) VALUES
                ('g-1', '5d3fd01c-80c3-1041-8dd0-c7a096470be0'), ('g-1', 'cn=Ada,ou=People'), ('g-2', 'a-3')
            """)
        let state = try await AgentStore(path: path).loadState()
        #expect(state.membersWritten == ["g-1": ["5d3fd01c-80c3-1041-8dd0-c7a096470be0", "cn=Ada,ou=People"], "g-2": ["a-3"]])
    }
}

extension AgentStoreMigrationTests {
    @Test("links and results of an earlier version load without a name; a user's is then its userName from its unique keys")
    func namesOfEarlierRows() async throws {
        let path = try await Self.stateFile(upTo: "v5: members written, a row per group", holding: """
            INSERT INTO links (anchor, kind, target_id, origin, hash, mapping_version, field_hashes, active, unique_keys,
                               missing_in_target, updated_at) VALUES
                ('a-1', 'user', 't-1', 'created', 'h', 'm', '{}', 1, '["e:ada@example.com","u:ada"]', 0, 1),
                ('g-1', 'group', 't-2', 'created', 'h', 'm', '{}', 1, '[]', 0, 1);
            INSERT INTO runs (id, mode, started_at) VALUES ('r-1', 'sync', 1);
            INSERT INTO object_results (run_id, anchor, kind, action, failed) VALUES ('r-1', 'a-1', 'user', 'create', 0)
            """)
        let store = try AgentStore(path: path)
        let state = try await store.loadState()
        #expect(state.links["a-1"]?.name == "" && state.links["a-1"]?.knownName == "ada")
        #expect(state.links["g-1"]?.knownName == nil)
        #expect(try await store.results(run: "r-1").map(\.name) == [nil])
    }
}

@Suite("A group's members written, stored as one value")
struct StoredMembersTests {
    @Test("UUID anchors (as 16 bytes) and any other text (uppercase UUIDs, DNs, non-ASCII, empty) come back as they were")
    func roundTrip() throws {
        let anchors: Set<Anchor> = [
            "5d3fd01c-80c3-1041-8dd0-c7a096470be0", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "5D3FD01C-80C3-1041-8DD0-C7A096470BE0", #"cn=R\, "Ünïcødé",ou=People"#, "",
        ]
        let bytes = StoredMembers(anchors).bytes
        let texts: Int = 36 + #"cn=R\, "Ünïcødé",ou=People"#.utf8.count
        let expected: Int = 3 * 17 + 3 * 5 + texts
        #expect(bytes.count == expected)
        let back = try bytes.withUnsafeBytes { try StoredMembers(decoding: $0).anchors }
        #expect(back == anchors)
        #expect(Set(back.map(\.rawValue)) == Set(anchors.map(\.rawValue)))
        #expect(try [UInt8]().withUnsafeBytes { try StoredMembers(decoding: $0).anchors }.isEmpty)
    }

    @Test("a damaged value is an error naming where, not fewer members")
    func damaged() throws {
        var bytes = StoredMembers(["a-1", "5d3fd01c-80c3-1041-8dd0-c7a096470be0"]).bytes
        bytes.removeLast()
        let error = try #require(throws: StoredMembersError.self) { try bytes.withUnsafeBytes { try StoredMembers(decoding: $0) } }
        #expect("\(error)".contains("damaged at byte"))
        #expect(throws: StoredMembersError.self) { try [UInt8]([7]).withUnsafeBytes { try StoredMembers(decoding: $0) } }
    }
}

extension AgentStoreMigrationTests {
    @Test("a journal entry that is not what the agent wrote is an error naming it, not an empty journal")
    func damagedJournal() async throws {
        let path = try await Self.stateFile(upTo: "v5: members written, a row per group", holding: """
            INSERT INTO journal (id, intents, created_at) VALUES ('w-1', '[["create","user"]]', 1)
            """)
        let error = try await #require(throws: StoredValueError.self) { try await AgentStore(path: path).pendingJournal() }
        #expect("\(error)" == #"a stored value is not in the form the agent writes: [["create","user"]]"#)
    }
}
