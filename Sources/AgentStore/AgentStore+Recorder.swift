import Foundation
import GRDB
import SCIM
public import SyncEngine

/// The executor's journal and outcomes, one transaction per call.
extension AgentStore: StateRecorder {
    /// One row per window: its intents as one JSON array (`JournalEntry`).
    public func journal(_ entry: JournalEntry) async throws {
        guard !entry.intents.isEmpty else { return }
        let time = now().timeIntervalSince1970
        let intents = Self.encode(entry.intents)
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO journal (id, intents, created_at) VALUES (?, ?, ?)", arguments: [entry.id, intents, time])
        }
    }

    public func pendingJournal() async throws -> [JournalEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, intents FROM journal ORDER BY created_at, id").map { row in
                JournalEntry(id: row["id"], intents: try Self.decodeIntents(row["intents"]))
            }
        }
    }

    /// Each statement is looked up once per window, not once per row, and
    /// an anchor's text is made once per group.
    public func record(_ batch: OutcomeBatch) async throws {
        guard !batch.isEmpty else { return }
        let time = now().timeIntervalSince1970
        try await pool.write { db in
            if !batch.links.isEmpty {
                var upsert = RawStatement(try LinkRow.upsertStatement(db))
                for (anchor, link) in batch.links {
                    try LinkRow.upsert(link, anchor: anchor, at: time, with: &upsert, db)
                }
            }
            for (anchor, digest) in batch.settled where batch.links[anchor] == nil {
                try db.cachedStatement(sql: "UPDATE links SET source_digest = ? WHERE anchor = ?").execute(arguments: [digest, anchor.rawValue])
            }
            for anchor in batch.unlinked {
                try db.cachedStatement(sql: "DELETE FROM links WHERE anchor = ?").execute(arguments: [anchor.rawValue])
                try db.cachedStatement(sql: "DELETE FROM group_members_written WHERE group_anchor = ?").execute(arguments: [anchor.rawValue])
            }
            // A group's members are one row: read (when it has one), changed,
            // written back.
            for group in Set(batch.membersAdded.keys).union(batch.membersRemoved.keys) {
                let added = batch.membersAdded[group] ?? []
                let removed = batch.membersRemoved[group] ?? []
                let text = group.rawValue
                let select = try db.cachedStatement(sql: "SELECT members FROM group_members_written WHERE group_anchor = ?")
                let stored = try Row.fetchOne(select, arguments: [text]).map { try Self.members($0, at: 0) } ?? []
                // The larger set grows by the smaller (a group's first
                // write may add 50,000 members to the hundred its create
                // carried).
                var members = stored.count >= added.count ? stored : added
                members.formUnion(stored.count >= added.count ? added : stored)
                members.subtract(removed)
                if members == stored { continue }
                try Self.saveMembers(members, of: text, db)
            }
            if let run = batch.runID, !batch.results.isEmpty {
                var insert = RawStatement(try Self.insertResultStatement(db))
                for result in batch.results { try Self.insert(result, run: run, with: &insert, db) }
            }
            // Nothing to take out of an empty queue (an initial sync's).
            if !batch.succeeded.isEmpty, try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM retry_queue)") == true {
                let delete = try db.cachedStatement(sql: "DELETE FROM retry_queue WHERE anchor = ?")
                for anchor in batch.succeeded where batch.retry[anchor] == nil {
                    try delete.execute(arguments: [anchor.rawValue])
                }
            }
            for (anchor, kind) in batch.retry {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO retry_queue (anchor, kind, attempts, queued_at) VALUES (?, ?, 1, ?)
                        ON CONFLICT(anchor) DO UPDATE SET attempts = attempts + 1
                        """).execute(
                    arguments: [anchor.rawValue, kind.rawValue, time])
            }
            for id in batch.completedJournal {
                try db.cachedStatement(sql: "DELETE FROM journal WHERE id = ?").execute(arguments: [id])
            }
            for (source, value) in batch.watermarks {
                try db.cachedStatement(
                    sql: "INSERT OR REPLACE INTO watermarks (source, value, updated_at) VALUES (?, ?, ?)").execute(
                    arguments: [source, value, time])
            }
        }
    }
}

extension AgentStore {
    /// A journal entry's intents as a JSON array (RFC 8259) of
    /// `[operation, kind, anchor, targetID or null]`.
    static func encode(_ intents: [Intent]) -> String {
        var writer = JSONWriter(capacity: intents.count * 64 + 2)
        writer.beginArray()
        for intent in intents {
            writer.beginArray()
            writer.string(intent.operation.rawValue)
            writer.string(intent.kind.rawValue)
            writer.string(intent.anchor.rawValue)
            if let targetID = intent.targetID { writer.string(targetID) } else { writer.value(.null) }
            writer.endArray()
        }
        writer.endArray()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The intents `encode` wrote.
    static func decodeIntents(_ text: String) throws -> [Intent] {
        guard let array = try JSON(parsing: text).arrayValue else { throw StoredValueError(text: text) }
        return try array.map { value in
            guard let fields = value.arrayValue, fields.count == 4,
                  let operation = fields[0].stringValue.flatMap(ActionName.init(rawValue:)),
                  let kind = fields[1].stringValue.flatMap(ObjectKind.init(rawValue:)),
                  let anchor = fields[2].stringValue
            else { throw StoredValueError(text: text) }
            return Intent(operation: operation, kind: kind, anchor: Anchor(anchor), targetID: fields[3].stringValue)
        }
    }
}
