import Agent
import SyncEngine

extension RunText {
    /// What `dsync mapping prune` removed, or would remove, and what it left.
    static func prune(_ outcome: MappingPruner.Outcome, path: String, dryRun: Bool) -> String {
        var lines: [String] = []
        if !outcome.checked {
            return "the target does not publish its fields (/Schemas, RFC 7643 §7), so the mapping cannot be checked; \(path) is unchanged"
        }
        if outcome.refusals.isEmpty { return "every mapped field exists in the target; \(path) is unchanged" }
        for refusal in outcome.refusals {
            lines.append("\(refusal.code.rawValue): \(refusal.record.detail)")
        }
        for removal in outcome.result.removed {
            let section = removal.kind == .user ? "users" : "groups"
            let where_ = removal.lines.count == 1 ? "line \(removal.lines.lowerBound)" : "lines \(removal.lines.lowerBound)–\(removal.lines.upperBound)"
            lines.append("\(dryRun ? "would remove" : "removed") mapping.\(section).\(removal.field) (\(where_))")
        }
        for kept in outcome.result.kept {
            lines.append("left mapping.\(kept.kind == .user ? "users" : "groups").\(kept.field): \(kept.reason)")
        }
        if outcome.written {
            lines.append("\(path) updated; the next run rewrites the mapped fields once (the mapping's version changed)")
        } else if dryRun && !outcome.result.removed.isEmpty {
            lines.append("dry run: \(path) is unchanged")
        }
        return lines.joined(separator: "\n")
    }

    /// The mapping's refused fields of a run, with the way out: target
    /// fields `dsync mapping prune` removes, source attributes to correct.
    static func mappingRefusals(_ plan: Plan) -> [String] {
        let refused = plan.conditions.filter { $0.code == .fieldDeleted || $0.code == .fieldUnknown }
        let fields = refused.filter { !$0.isUnknownSourceAttribute }, attributes = refused.filter(\.isUnknownSourceAttribute)
        var lines = fields.map { "mapping: \($0.code.rawValue): \($0.detail)" }
        if !fields.isEmpty { lines.append("  `dsync mapping prune` removes these mappings from the configuration file") }
        lines += attributes.map { "mapping: \($0.code.rawValue): \($0.detail)" }
        if !attributes.isEmpty { lines.append("  correct the attribute's name in the mapping's `from`, or remove that field's mapping") }
        return lines
    }
}
