public import AgentStore
import Foundation
public import SyncEngine

/// One run's report as every format shows it: the run, its per-object
/// results (only those with `condition`, or with any condition when
/// `conditionsOnly`, when a filter is given) and the
/// catalogue's reason and remedy of each condition met. Pure: the
/// formatters (`RunReport+Table`, `+CSV`, `+JSON`, `+HTML`) do no I/O.
public struct RunReport: Sendable, Hashable {
    public var run: RunRecord
    public var results: [ObjectResult]
    /// The `--condition` filter, if any.
    public var condition: ConditionCode?
    /// The `--conditions-only` filter: the results with any condition (an
    /// initial sync's report otherwise lists every object it created).
    public var conditionsOnly: Bool

    public init(run: RunRecord, results: [ObjectResult], condition: ConditionCode? = nil, conditionsOnly: Bool = false) {
        self.run = run
        self.condition = condition
        self.conditionsOnly = conditionsOnly
        if let condition {
            self.results = results.filter { $0.code == condition }
        } else if conditionsOnly {
            self.results = results.filter { $0.code != nil }
        } else {
            self.results = results
        }
    }

    /// How the shown results were chosen, when they are not all of them.
    var filterText: String? {
        if let condition { return "only results with \(condition.rawValue)" }
        return conditionsOnly ? "only results with a condition" : nil
    }

    /// The formats `dsync report --format` writes.
    public enum Format: String, Sendable, CaseIterable {
        case table, csv, json, html
    }

    public func rendered(_ format: Format) -> String {
        switch format {
        case .table: table()
        case .csv: csv()
        case .json: json()
        case .html: html()
        }
    }

    /// The codes met among the shown results, with how often, by code.
    public var conditionCounts: [(code: ConditionCode, count: Int)] {
        var counts: [ConditionCode: Int] = [:]
        for result in results { if let code = result.code { counts[code, default: 0] += 1 } }
        return counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key, $0.value) }
    }

    /// The run's counts by action (the whole run, whatever the filter).
    public var actionCounts: [(action: String, count: Int)] {
        run.countsByAction.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// An action's name as reports show it (as in the run's counts).
    static func name(_ action: ActionName) -> String { action.rawValue }

    /// Reason and remedy of a code; an unknown code (a newer agent's) says so.
    static func entry(_ code: ConditionCode) -> (reason: String, remedy: String) {
        guard let entry = ConditionCatalogue.entry(code) else { return ("Not in this agent's catalogue.", "Update the agent.") }
        return (entry.reason, entry.remedy)
    }

    /// Instants as ISO 8601 in UTC, in every format.
    static func instant(_ date: Date?) -> String {
        guard let date else { return "" }
        return date.ISO8601Format()
    }
}
