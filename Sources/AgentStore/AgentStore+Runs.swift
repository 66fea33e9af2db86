public import Foundation
import GRDB
public import SyncEngine

/// A run as stored: what it did and how it ended.
public struct RunRecord: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable, Codable {
        case plan
        case sync
    }

    public var id: String
    public var mode: Mode
    public var startedAt: Date
    public var endedAt: Date?
    public var countsByAction: [String: Int]
    public var countsByCondition: [String: Int]
    /// `succeeded`, `failed-objects`, `blocked`, `stopped` (free text, set
    /// by whoever ends the run).
    public var outcome: String?
}

extension AgentStore {
    /// Starts a run; its results are recorded under the returned id.
    public func beginRun(mode: RunRecord.Mode) async throws -> String {
        let id = UUID().uuidString.lowercased()
        let time = now().timeIntervalSince1970
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO runs (id, mode, started_at) VALUES (?, ?, ?)", arguments: [id, mode.rawValue, time])
        }
        return id
    }

    /// Ends a run with its counts and outcome.
    public func finishRun(_ id: String, countsByAction: [String: Int], countsByCondition: [String: Int], outcome: String) async throws {
        let time = now().timeIntervalSince1970
        let actions = LinkRow.encode(countsByAction)
        let conditions = LinkRow.encode(countsByCondition)
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE runs SET ended_at = ?, counts_by_action = ?, counts_by_condition = ?, outcome = ? WHERE id = ?",
                arguments: [time, actions, conditions, outcome, id])
        }
    }

    /// Runs, the latest first.
    public func runs(limit: Int = 50) async throws -> [RunRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?", arguments: [limit]).map { row in
                RunRecord(
                    id: row["id"], mode: RunRecord.Mode(rawValue: row["mode"]) ?? .sync,
                    startedAt: Date(timeIntervalSince1970: row["started_at"]),
                    endedAt: (row["ended_at"] as Double?).map { Date(timeIntervalSince1970: $0) },
                    countsByAction: try LinkRow.decode(row["counts_by_action"]),
                    countsByCondition: try LinkRow.decode(row["counts_by_condition"]),
                    outcome: row["outcome"])
            }
        }
    }

    /// The per-object results of a run, in the order they were recorded.
    public func results(run id: String) async throws -> [ObjectResult] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM object_results WHERE run_id = ? ORDER BY id", arguments: [id]).map { row in
                ObjectResult(
                    anchor: Anchor(row["anchor"] as String), kind: (row["kind"] as String?).flatMap(ObjectKind.init(rawValue:)),
                    action: ActionName(rawValue: row["action"]) ?? .none, code: (row["code"] as String?).map { ConditionCode($0) },
                    attribute: row["attribute"], value: row["value"], requestID: row["request_id"], detail: row["detail"],
                    failed: row["failed"], name: row["name"])
            }
        }
    }

    /// The statement of `insert`, looked up once for a window's results.
    static func insertResultStatement(_ db: Database) throws -> Statement {
        try db.cachedStatement(
            sql: """
                INSERT INTO object_results (run_id, anchor, kind, action, code, attribute, value, request_id, detail, failed, name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
    }

    static func insert(_ result: ObjectResult, run id: String, with statement: inout RawStatement, _ db: Database) throws {
        statement.text(id)
        statement.text(result.anchor.rawValue)
        statement.text(result.kind?.rawValue)
        statement.text(result.action.rawValue)
        statement.text(result.code?.rawValue)
        statement.text(result.attribute)
        statement.text(result.value)
        statement.text(result.requestID)
        statement.text(result.detail)
        statement.bool(result.failed)
        statement.text(result.name)
        try statement.run(db)
    }
}
