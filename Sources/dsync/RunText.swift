import Agent
import AgentStore
import Foundation
import SCIMClient
import SyncEngine

/// How plans, runs and results read on a terminal: one line per action or
/// result, the condition's reason and remedy from the catalogue.
enum RunText {
    static func plan(_ plan: Plan) -> String { PlanText.render(plan) }

    static func summary(_ outcome: SyncRunner.Outcome) -> String {
        var lines: [String] = []
        for failure in outcome.sourceFailures {
            lines.append("source \(failure.source): \(failure.condition.rawValue): \(failure.detail)")
        }
        guard let report = outcome.report else { return plan(outcome.plan) }
        lines += mappingRefusals(outcome.plan)
        if report.blocked, let blocked = outcome.plan.blockedBy {
            lines.append("BLOCKED, nothing written: \(blocked.detail)")
            lines.append("  \(explanation(blocked.code))")
        }
        if let stopped = report.stoppedBy {
            lines.append("STOPPED: \(stopped)")
        }
        let actions = report.countsByAction.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        let conditions = report.countsByCondition.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        lines.append("run \(outcome.runID): \(actions.isEmpty ? "nothing to do" : actions)")
        if !conditions.isEmpty { lines.append("conditions: \(conditions)") }
        lines.append(String(
            format: "%d request(s) to the target (%d read, %d write) in %.1f s", outcome.requests.total, outcome.requests.reads,
            outcome.requests.writes, outcome.duration))
        lines.append("\(report.failed.count) object(s) failed; `dsync report \(outcome.runID)` lists them with reasons and remedies")
        return lines.joined(separator: "\n")
    }

    static func explanation(_ code: ConditionCode) -> String { PlanText.explanation(code) }

    /// What `dsync plan --out` says on standard error.
    static func saved(_ saved: SavedPlan, path: String) -> String {
        let versions = saved.objects.filter { $0.targetVersion != nil }.count
        return "plan \(saved.runID) saved to \(path): \(saved.plan.actions.count) action(s) on \(saved.objects.count) object(s), "
            + "\(versions) with the directory's version; apply it with `dsync sync --plan \(path)`\n"
    }
}
