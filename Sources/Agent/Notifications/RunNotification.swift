import Foundation
import SyncEngine

/// The message about a run: a subject that says what went wrong, and a
/// plain-text body with the counts, each condition's reason and remedy
/// from the catalogue, the first failed objects and the command that shows
/// the full report. Pure: the same notice gives the same text.
public enum RunNotification {
    /// Where the message comes from, for the reader.
    public struct Context: Sendable {
        public var host: String
        public var configurationPath: String
        /// `--data`, when it is not the default next to the configuration.
        public var dataFolder: String?
        /// Failed objects listed at most.
        public var listFailed: Int

        public init(host: String, configurationPath: String, dataFolder: String? = nil, listFailed: Int = 20) {
            self.host = host
            self.configurationPath = configurationPath
            self.dataFolder = dataFolder
            self.listFailed = listFailed
        }
    }

    public static func subject(_ notice: RunNotice) -> String {
        let run = notice.runID.map { "run \($0)" } ?? "a run"
        let events = notice.events
        let verb = events == [.deletionLimit] ? "blocked" : "failed"
        return "dsync: \(run) \(verb) — \(problems(notice).joined(separator: ", "))"
    }

    /// The problems in a few words each, most serious first.
    static func problems(_ notice: RunNotice) -> [String] {
        var problems: [String] = []
        if let error = notice.error {
            let firstLine = error.split(separator: "\n").first.map(String.init) ?? error
            problems.append(firstLine.count > 100 ? String(firstLine.prefix(100)) + "…" : firstLine)
        }
        for failure in notice.sourceFailures { problems.append("source \(failure.source) could not be read") }
        if let stopped = notice.stoppedBy { problems.append("stopped by \(stopped.condition.rawValue)") }
        if notice.outcome == "blocked" { problems.append("the deletion limit stopped it, nothing was written") }
        if notice.failedCount > 0 { problems.append(notice.failedCount == 1 ? "1 object failed" : "\(notice.failedCount) objects failed") }
        return problems.isEmpty ? [notice.outcome] : problems
    }

    public static func body(_ notice: RunNotice, context: Context) -> String {
        let formatter = ISO8601DateFormatter()
        var lines: [String] = []
        let run = notice.runID.map { "Run \($0)" } ?? "A run"
        lines.append("\(run) of dsync on \(context.host): \(problems(notice).joined(separator: "; ")).")
        lines.append("")
        if let id = notice.runID { lines.append("Run:            \(id)") }
        lines.append("Started:        \(formatter.string(from: notice.startedAt))")
        lines.append("Ended:          \(formatter.string(from: notice.endedAt))")
        lines.append("Outcome:        \(notice.outcome)")
        lines.append("Configuration:  \(context.configurationPath)")
        if let error = notice.error {
            lines += ["", "The run could not happen:", "  \(error)"]
        }
        for failure in notice.sourceFailures {
            lines += ["", "Source \(failure.source) could not be read (\(failure.condition.rawValue)); nothing was removed anywhere:", "  \(failure.detail)"]
        }
        if let stopped = notice.stoppedBy {
            lines += ["", "The run stopped early (\(stopped.condition.rawValue)); the rest waits for the next run:", "  \(stopped.detail)"]
        }
        if notice.outcome == "blocked" {
            lines += ["", "Blocked, nothing was written:", "  \(notice.blockedBy?.detail ?? "the deletion limit")"]
        }
        if !notice.countsByAction.isEmpty {
            lines += ["", "Done, by action:"] + table(notice.countsByAction)
        }
        if !notice.countsByCondition.isEmpty {
            lines += ["", "Conditions:"] + table(notice.countsByCondition)
        }
        lines += explanations(notice)
        if !notice.failed.isEmpty {
            let shown = notice.failed.prefix(context.listFailed)
            let heading = shown.count < notice.failed.count
                ? "Failed objects (the first \(shown.count) of \(notice.failed.count) results):" : "Failed objects:"
            lines += ["", heading]
            for result in shown { lines.append("  " + line(result)) }
        }
        lines.append("")
        if let id = notice.runID {
            var command = "dsync report \(id) --config \(context.configurationPath)"
            if let data = context.dataFolder { command += " --data \(data)" }
            lines += ["The full report, every object with its reason and remedy:", "  \(command)"]
        } else {
            var command = "dsync status --config \(context.configurationPath)"
            if let data = context.dataFolder { command += " --data \(data)" }
            lines += ["The service's state and its last run:", "  \(command)"]
        }
        lines += ["", "-- ", "Sent by dsync (notifications in \(context.configurationPath))."]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Each condition met, once: its reason and remedy from the catalogue.
    static func explanations(_ notice: RunNotice) -> [String] {
        var codes: [ConditionCode] = notice.sourceFailures.map(\.condition)
        if let stopped = notice.stoppedBy { codes.append(stopped.condition) }
        if notice.outcome == "blocked" { codes.append(notice.blockedBy?.code ?? .deletionLimit) }
        codes += notice.countsByCondition.keys.sorted().map { ConditionCode(rawValue: $0) }
        var seen: Set<ConditionCode> = []
        var lines: [String] = []
        for code in codes where seen.insert(code).inserted {
            guard let entry = ConditionCatalogue.entry(code), !entry.isInformational else { continue }
            let count = notice.countsByCondition[code.rawValue].map { " (\($0))" } ?? ""
            lines += ["", "\(code.rawValue)\(count)", "  Reason: \(entry.reason)", "  Remedy: \(entry.remedy)"]
        }
        return lines.isEmpty ? [] : ["", "What each condition means and what to do:"] + lines
    }

    static func line(_ result: ObjectResult) -> String {
        var text = "\(result.kind?.rawValue ?? "object") \(result.name ?? result.anchor.rawValue)"
        if result.action != .none { text += " \(result.action.rawValue)" }
        if let code = result.code {
            text += ": \(code.rawValue)"
            if let attribute = result.attribute { text += " (\(attribute))" }
        }
        if let detail = result.detail { text += " — \(detail.count > 200 ? String(detail.prefix(200)) + "…" : detail)" }
        return text
    }

    static func table(_ counts: [String: Int]) -> [String] {
        let width = (counts.keys.map(\.count).max() ?? 0) + 2
        return counts.sorted { $0.key < $1.key }.map { "  \($0.key.padding(toLength: width, withPad: " ", startingAt: 0))\($0.value)" }
    }
}
