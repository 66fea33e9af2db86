import AgentStore
import Foundation
import Logging
import SyncEngine

/// What a run writes to its log file (`RunLog`) besides what the SCIM
/// client and the sources log: the plan, each failed object with its
/// condition and request id, retention.
extension SyncRunner {
    /// Opens the run's log file (a file that cannot be opened only costs
    /// the file, never the run) and returns the logger to use.
    func beginLog(apply: Bool, saved: SavedPlan?) -> Logger {
        var logger = environment.logger
        if let runLog = environment.runLog {
            do {
                try runLog.begin()
            } catch {
                logger.warning("no log file for this run: \(error)")
            }
        }
        if let saved { logger[metadataKey: "plan"] = "\(saved.runID)" }
        return logger
    }

    func logPlan(_ plan: Plan, log: Logger, step: RunStepMetrics) {
        var counts: [String: Int] = [:]
        for action in plan.actions { counts[action.name, default: 0] += 1 }
        log.info(
            "planned",
            metadata: step.metadata([
                "actions": "\(counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))",
                "conditions": "\(plan.conditions.count)",
            ]))
        if let blocked = plan.blockedBy { log.warning("plan blocked", metadata: ["condition": "\(blocked.code.rawValue)", "detail": "\(blocked.detail)"]) }
        for condition in plan.conditions {
            var metadata: Logger.Metadata = [
                "condition": "\(condition.code.rawValue)", "anchor": "\(condition.anchor?.rawValue ?? "-")", "detail": "\(condition.detail)",
            ]
            if let name = condition.name { metadata["name"] = "\(name)" }
            log.info("condition", metadata: metadata)
        }
    }

    func logResults(_ report: ExecutionReport, log: Logger) {
        for result in report.results where result.failed && result.action != .none {
            var metadata: Logger.Metadata = [
                "anchor": "\(result.anchor.rawValue)", "action": "\(result.action.rawValue)", "condition": "\(result.code?.rawValue ?? "-")",
                "request": "\(result.requestID ?? "-")", "detail": "\(result.detail ?? "")",
            ]
            if let name = result.name { metadata["name"] = "\(name)" }
            log.warning("object failed", metadata: metadata)
        }
        if let stopped = report.stoppedBy { log.error("run stopped", metadata: ["error": "\(stopped)"]) }
    }

    /// Retention (`retention:`), at the end of every sync run.
    func purge(log: Logger) async throws {
        let purged = try await environment.store.purgeExpired()
        if purged.links > 0 || purged.runs > 0 {
            log.info("retention", metadata: ["links": "\(purged.links)", "runs": "\(purged.runs)"])
        }
    }
}
