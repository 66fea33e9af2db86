import AgentStore
import Foundation
import SyncEngine

extension RunReport {
    /// For a terminal: one line per result (the object by its name, by its
    /// anchor when it has none), then each condition's reason and remedy.
    public func table() -> String {
        var lines = ["run \(run.id) (\(run.mode.rawValue)), started \(Self.instant(run.startedAt)), outcome \(run.outcome ?? "unfinished")"]
        if !actionCounts.isEmpty {
            lines.append("actions: " + actionCounts.map { "\($0.count) \($0.action)" }.joined(separator: ", "))
        }
        if let filterText { lines.append("\(filterText): \(results.count)") }
        for result in results {
            var line = "  \(Self.name(result.action).padding(toLength: 13, withPad: " ", startingAt: 0)) \(result.name ?? result.anchor.rawValue)"
            if let code = result.code {
                line += "  \(code.rawValue)"
                if let attribute = result.attribute { line += " (\(attribute))" }
                if let detail = result.detail { line += ": \(detail)" }
                // The value the directory refused (a condition met while
                // planning quotes it in its detail already).
                if result.action != .none, let value = result.value, !(result.detail?.contains(value) ?? false) {
                    line += "; value: \(value)"
                }
            }
            if let request = result.requestID { line += " [request \(request)]" }
            lines.append(line)
        }
        let counts = conditionCounts
        if !counts.isEmpty {
            lines.append("")
            for (code, count) in counts {
                let entry = Self.entry(code)
                lines.append("\(code.rawValue) (\(count)): \(entry.reason) Remedy: \(entry.remedy)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
