public import SyncEngine

/// A plan as `dsync plan` prints it: a line per action and per condition,
/// each naming its object (`Plan.name(of:)`, a condition's `name`), the
/// anchor only when no name is known; then the counts. Pure.
public enum PlanText {
    public static func render(_ plan: Plan) -> String {
        var lines: [String] = []
        if let blocked = plan.blockedBy {
            lines.append("BLOCKED: \(blocked.detail)")
            lines.append("  \(explanation(blocked.code))")
        }
        if plan.sourceReadIncomplete {
            lines.append("The read of a source was incomplete: \(plan.suppressedRemovals) removal(s) held back.")
        }
        var counts: [String: Int] = [:]
        // Objects the plan creates, by the names their creates write (a
        // new group's members are added after its create).
        var created: [Anchor: String] = [:]
        for action in plan.actions {
            if case .create = action, let name = plan.name(of: action) { created[action.anchor] = name }
        }
        for action in plan.actions {
            counts[action.name, default: 0] += 1
            let name = plan.name(of: action) ?? created[action.anchor] ?? action.anchor.rawValue
            lines.append("  \(padded(action.name, 14)) \(name)")
        }
        for condition in plan.conditions {
            let object = condition.name ?? condition.anchor?.rawValue ?? "-"
            lines.append("  ! \(padded(condition.code.rawValue, 12)) \(object): \(condition.detail)")
        }
        let summary = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        lines.append("plan: \(summary.isEmpty ? "nothing to do" : summary); \(plan.conditions.count) condition(s)")
        return lines.joined(separator: "\n")
    }

    /// `text` followed by spaces up to `width` characters; a longer text is
    /// kept whole (`padding(toLength:)` would cut a condition code short).
    static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// A condition's reason and remedy from the catalogue, on one line.
    public static func explanation(_ code: ConditionCode) -> String {
        guard let entry = ConditionCatalogue.entry(code) else { return "" }
        return "\(entry.reason) Remedy: \(entry.remedy)"
    }
}
