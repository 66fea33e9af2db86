import AgentStore
import Foundation
import SyncEngine

extension RunReport {
    /// The CSV header: one row per result.
    public static let csvColumns = [
        "run", "anchor", "name", "kind", "action", "condition", "attribute", "value", "detail", "request_id", "failed", "reason", "remedy",
    ]

    /// RFC 4180: CRLF line ends, a header row, fields quoted when they hold
    /// a comma, a quote or a line break, quotes doubled.
    public func csv() -> String {
        var rows = [Self.csvColumns]
        for result in results {
            let entry = result.code.map(Self.entry)
            rows.append([
                run.id, result.anchor.rawValue, result.name ?? "", result.kind?.rawValue ?? "", Self.name(result.action), result.code?.rawValue ?? "",
                result.attribute ?? "", result.value ?? "", result.detail ?? "", result.requestID ?? "", result.failed ? "true" : "false",
                entry?.reason ?? "", entry?.remedy ?? "",
            ])
        }
        return rows.map { $0.map(Self.csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
