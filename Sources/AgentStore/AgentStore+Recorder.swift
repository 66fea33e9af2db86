import Foundation
import GRDB
public import SyncEngine

/// The executor's journal and outcomes, one transaction per call.
extension AgentStore: StateRecorder {
    public func journal(_ intents: [Intent]) async throws {
        guard !intents.isEmpty else { return }
        let time = now().timeIntervalSince1970
        try await pool.write { db in
            for intent in intents {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO intents (id, operation, kind, anchor, target_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [intent.id, intent.operation.rawValue, intent.kind.rawValue, intent.anchor.rawValue, intent.targetID, time])
            }
        }
    }

    public func pendingIntents() async throws -> [Intent] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM intents ORDER BY created_at, id").map { row in
                Intent(
                    id: row["id"], operation: ActionName(rawValue: row["operation"]) ?? .none,
                    kind: ObjectKind(rawValue: row["kind"]) ?? .user, anchor: Anchor(row["anchor"] as String), targetID: row["target_id"])
            }
        }
    }

    public func record(_ batch: OutcomeBatch) async throws {
        guard !batch.isEmpty else { return }
        let time = now().timeIntervalSince1970
        try await pool.write { db in
            for (anchor, link) in batch.links {
                try LinkRow.upsert(link, anchor: anchor, at: time, in: db)
            }
            for anchor in batch.unlinked {
                try db.execute(sql: "DELETE FROM links WHERE anchor = ?", arguments: [anchor.rawValue])
                try db.execute(sql: "DELETE FROM members_written WHERE group_anchor = ?", arguments: [anchor.rawValue])
            }
            for (group, members) in batch.membersAdded {
                for member in members {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO members_written (group_anchor, member_anchor) VALUES (?, ?)",
                        arguments: [group.rawValue, member.rawValue])
                }
            }
            for (group, members) in batch.membersRemoved {
                for member in members {
                    try db.execute(
                        sql: "DELETE FROM members_written WHERE group_anchor = ? AND member_anchor = ?",
                        arguments: [group.rawValue, member.rawValue])
                }
            }
            if let run = batch.runID {
                for result in batch.results { try Self.insert(result, run: run, in: db) }
            }
            for anchor in batch.succeeded where batch.retry[anchor] == nil {
                try db.execute(sql: "DELETE FROM retry_queue WHERE anchor = ?", arguments: [anchor.rawValue])
            }
            for (anchor, kind) in batch.retry {
                try db.execute(
                    sql: """
                        INSERT INTO retry_queue (anchor, kind, attempts, queued_at) VALUES (?, ?, 1, ?)
                        ON CONFLICT(anchor) DO UPDATE SET attempts = attempts + 1
                        """,
                    arguments: [anchor.rawValue, kind.rawValue, time])
            }
            for id in batch.completedIntents {
                try db.execute(sql: "DELETE FROM intents WHERE id = ?", arguments: [id])
            }
            for (source, value) in batch.watermarks {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO watermarks (source, value, updated_at) VALUES (?, ?, ?)",
                    arguments: [source, value, time])
            }
        }
    }
}
