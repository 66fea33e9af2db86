/// A PATCH operation on one multi-valued attribute, reduced to what a store
/// that keeps those values in their own table needs: a group's members. With
/// it the server can apply "add one member to a group of 100,000" as one
/// insert, never loading the member list into a JSON value.
///
/// Values are complex values (`{"value": id, …}`); a bare string is read as
/// `{"value": string}`.
public enum SCIMMultiValuedEdit: Sendable, Hashable {
    case add([JSON])
    /// Remove the values whose sub-attributes match each pattern's (usually
    /// just `value`).
    case remove([JSON])
    case removeAll
    case replace([JSON])
}

extension SCIMPatchOperation {
    /// This operation as an edit of `attribute` (e.g. `members`), or `nil`
    /// when it touches anything else or selects values in a way other than
    /// `attribute[value eq "…"]` (optionally several joined by `or`).
    ///
    /// Recognised forms (RFC 7644 §3.5.2.1–3 and what Entra ID and Okta send):
    /// `add`/`replace` with path `members` or without a path and a value of
    /// only `{"members": […]}`; `remove` with path `members` (all, or the
    /// values listed in `value`) or `members[value eq "id"]`.
    public func multiValuedEdit(of attribute: String) -> SCIMMultiValuedEdit? {
        guard let path else {
            guard op != .remove, case .object(let object)? = value, object.count == 1,
                let member = object.members.first, ASCIICaseInsensitive.equal(member.key, attribute)
            else { return nil }
            return op == .add ? .add(Self.values(member.value)) : .replace(Self.values(member.value))
        }
        let target = path.attribute
        guard target.isAttribute(attribute), target.subAttribute == nil,
            target.schema.map({ SCIMSchemaURN.isCore($0, among: SCIMSchemaURN.core) }) ?? true
        else { return nil }
        if let filter = path.valueFilter {
            guard op == .remove, let ids = Self.valueEqualities(filter) else { return nil }
            return .remove(ids.map { ["value": $0] })
        }
        switch op {
        case .add: return .add(Self.values(value ?? .null))
        case .replace: return .replace(Self.values(value ?? .null))
        case .remove:
            guard let value, !value.isUnassigned else { return .removeAll }
            return .remove(Self.values(value))
        }
    }

    private static func values(_ value: JSON) -> [JSON] {
        SCIMPatchApplier.elements(value).map { element in
            if case .string = element { return ["value": element] }
            return element
        }
    }

    /// The compared values of `value eq X` or `value eq X or value eq Y …`.
    private static func valueEqualities(_ filter: SCIMFilter) -> [JSON]? {
        switch filter {
        case .comparison(let path, .eq, let value) where path.isAttribute("value") && path.subAttribute == nil:
            return value == .null ? nil : [value.json]
        case .or(let operands):
            var all: [JSON] = []
            for operand in operands {
                guard let part = valueEqualities(operand) else { return nil }
                all += part
            }
            return all
        default:
            return nil
        }
    }
}
