import AgentStore
import Foundation
import SyncEngine

import Foundation

extension RunReport {
    /// The JSON form (docs/reports.md describes every field).
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(Document(self)) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// `formatVersion` 1 of the JSON report.
    struct Document: Encodable {
        static let formatVersion = 1

        struct Run: Encodable {
            var id: String
            var mode: String
            var startedAt: Date
            var endedAt: Date?
            var outcome: String?
            var countsByAction: [String: Int]
            var countsByCondition: [String: Int]
        }

        struct Result: Encodable {
            var anchor: String
            /// `ObjectName`, or the entry's DN for a condition met while planning.
            var name: String?
            var kind: String?
            var action: String
            var condition: String?
            var attribute: String?
            var value: String?
            var detail: String?
            var requestID: String?
            var failed: Bool
        }

        struct ConditionSummary: Encodable {
            var code: String
            var count: Int
            var reason: String
            var remedy: String
        }

        var formatVersion = Self.formatVersion
        var run: Run
        var condition: String?
        var conditionsOnly: Bool
        var results: [Result]
        var conditions: [ConditionSummary]

        init(_ report: RunReport) {
            let record = report.run
            run = Run(
                id: record.id, mode: record.mode.rawValue, startedAt: record.startedAt, endedAt: record.endedAt, outcome: record.outcome,
                countsByAction: record.countsByAction, countsByCondition: record.countsByCondition)
            condition = report.condition?.rawValue
            conditionsOnly = report.conditionsOnly
            results = report.results.map { result in
                Result(
                    anchor: result.anchor.rawValue, name: result.name, kind: result.kind?.rawValue, action: RunReport.name(result.action),
                    condition: result.code?.rawValue, attribute: result.attribute, value: result.value, detail: result.detail,
                    requestID: result.requestID, failed: result.failed)
            }
            conditions = report.conditionCounts.map { code, count in
                let entry = RunReport.entry(code)
                return ConditionSummary(code: code.rawValue, count: count, reason: entry.reason, remedy: entry.remedy)
            }
        }
    }
}
