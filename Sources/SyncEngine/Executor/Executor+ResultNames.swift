import SCIM

extension Executor.Run {
    /// Completes a window's results for reports. Each result without a
    /// name gets the object's `ObjectName`: from the link the window
    /// writes, else the run's link (an update, a deactivation, a group's
    /// members), else the window's own fields (a create refused, which has
    /// no link). A refusal that names a field the action wrote gets the
    /// value refused, so the administrator sees what to correct.
    func nameResults(of batch: inout OutcomeBatch, window: [PlannedAction]) {
        var written: [Anchor: [FieldAssignment]]?
        for index in batch.results.indices {
            let result = batch.results[index]
            let needsValue = result.failed && result.value == nil && result.attribute != nil
            if result.name != nil && !needsValue { continue }
            if result.name == nil, let name = batch.links[result.anchor]?.knownName ?? links[result.anchor]?.knownName {
                batch.results[index].name = name
                if !needsValue { continue }
            }
            if written == nil { written = Self.fields(in: window) }
            guard let kind = result.kind, let fields = written?[result.anchor] else { continue }
            if batch.results[index].name == nil { batch.results[index].name = ObjectName.of(kind, in: fields) }
            if needsValue, let attribute = result.attribute { batch.results[index].value = Self.value(of: attribute, in: fields) }
        }
    }

    /// The fields the window's creates, links and updates write, by object.
    static func fields(in window: [PlannedAction]) -> [Anchor: [FieldAssignment]] {
        var fields: [Anchor: [FieldAssignment]] = [:]
        for action in window {
            switch action {
            case .create(_, let anchor, let written, _), .link(_, let anchor, _, let written, _), .update(_, let anchor, _, let written, _, _):
                fields[anchor] = written
            default:
                continue
            }
        }
        return fields
    }

    /// The value written to the field a refusal named (compared as SCIM
    /// compares attribute names, without case: RFC 7643 §2.1), shortened
    /// as a condition's value is; nil when the action did not write it, and
    /// for a password, which is never shown or stored (RFC 7643 §4.1.1:
    /// `password` is writeOnly, returned never).
    static func value(of attribute: String, in fields: [FieldAssignment]) -> String? {
        let name = attribute.lowercased()
        guard name != "password", let assignment = fields.first(where: { $0.field.lowercased() == name }) else { return nil }
        let text: String
        switch assignment.value {
        case .json(let json): text = json.stringValue ?? String(decoding: json.serialized(), as: UTF8.self)
        case .reference(let anchor): text = anchor.rawValue
        }
        return ConditionRecord.shortened(text)
    }
}
