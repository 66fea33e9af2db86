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
                try db.cachedStatement(
                    sql: "INSERT OR REPLACE INTO intents (id, operation, kind, anchor, target_id, created_at) VALUES (?, ?, ?, ?, ?, ?)").execute(
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
            for (anchor, digest) in batch.settled where batch.links[anchor] == nil {
                try db.cachedStatement(sql: "UPDATE links SET source_digest = ? WHERE anchor = ?").execute(arguments: [digest, anchor.rawValue])
            }
            for anchor in batch.unlinked {
                try db.cachedStatement(sql: "DELETE FROM links WHERE anchor = ?").execute(arguments: [anchor.rawValue])
                try db.cachedStatement(sql: "DELETE FROM members_written WHERE group_anchor = ?").execute(arguments: [anchor.rawValue])
            }
            for (group, members) in batch.membersAdded {
                for member in members {
                    try db.cachedStatement(
                        sql: "INSERT OR IGNORE INTO members_written (group_anchor, member_anchor) VALUES (?, ?)").execute(
                        arguments: [group.rawValue, member.rawValue])
                }
            }
            for (group, members) in batch.membersRemoved {
                for member in members {
                    try db.cachedStatement(
                        sql: "DELETE FROM members_written WHERE group_anchor = ? AND member_anchor = ?").execute(
                        arguments: [group.rawValue, member.rawValue])
                }
            }
            if let run = batch.runID {
                for result in batch.results { try Self.insert(result, run: run, in: db) }
            }
            for anchor in batch.succeeded where batch.retry[anchor] == nil {
                try db.cachedStatement(sql: "DELETE FROM retry_queue WHERE anchor = ?").execute(arguments: [anchor.rawValue])
            }
            for (anchor, kind) in batch.retry {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO retry_queue (anchor, kind, attempts, queued_at) VALUES (?, ?, 1, ?)
                        ON CONFLICT(anchor) DO UPDATE SET attempts = attempts + 1
                        """).execute(
                    arguments: [anchor.rawValue, kind.rawValue, time])
            }
            for id in batch.completedIntents {
                try db.cachedStatement(sql: "DELETE FROM intents WHERE id = ?").execute(arguments: [id])
            }
            for (source, value) in batch.watermarks {
                try db.cachedStatement(
                    sql: "INSERT OR REPLACE INTO watermarks (source, value, updated_at) VALUES (?, ?, ?)").execute(
                    arguments: [source, value, time])
            }
        }
    }
}
