/// Value handling shared by the operations: coercion of what clients send,
/// identity of multi-valued values, and primary exclusivity.
extension SCIMPatchApplier {
    /// Coerces `value` to the types the catalogue gives `path`: booleans
    /// sent as the strings "True"/"False" (Entra ID), and a bare string for a
    /// complex attribute read as its `value` (Entra ID's `manager`).
    func coerce(_ value: JSON, at path: SCIMAttributePath) -> JSON {
        let traits = catalog.traits(for: path)
        switch value {
        case .string(let text) where traits.type == .boolean:
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return value
            }
        case .string where traits.type == .complex:
            return ["value": value]
        case .array(let elements) where path.subAttribute == nil:
            return .array(elements.map { coerceMembers($0, of: path) })
        case .object where path.subAttribute == nil:
            return coerceMembers(value, of: path)
        default:
            return value
        }
    }

    /// Coerces the sub-attributes of one complex value.
    private func coerceMembers(_ value: JSON, of path: SCIMAttributePath) -> JSON {
        switch value {
        case .object(var object):
            for member in object.members {
                object[member.key] = coerce(member.value, at: path.appending(member.key))
            }
            return .object(object)
        case .string where catalog.traits(for: path).type == .complex:
            return ["value": value]
        default:
            return value
        }
    }

    /// Appends the values not already present and merges the sub-attributes
    /// of those that are; returns the indices written.
    ///
    /// For large attributes (a group's members) existing values are indexed
    /// by their `value`, so adding k values to n is O(n + k), not O(n·k).
    func appendUnique(_ additions: [JSON], to elements: inout [JSON], attribute: SCIMAttributePath) -> [Int] {
        let valueExact = catalog.traits(for: attribute.parent.appending("value")).caseExact
        func identity(_ element: JSON) -> JSON {
            var inner = element
            if case .object = element, let value = element["value"] { inner = value }
            if !valueExact, case .string(let text) = inner { return .string(SCIMCaseFolding.key(text)) }
            return inner
        }
        var index: [JSON: [Int]] = [:]
        for (position, element) in elements.enumerated() { index[identity(element), default: []].append(position) }
        var written: [Int] = []
        for addition in additions where !addition.isUnassigned {
            let candidates = index[identity(addition)] ?? []
            if let match = candidates.first(where: { sameValue(elements[$0], addition, attribute: attribute) }) {
                if case .object(var merged) = elements[match], case .object(let extra) = addition {
                    for member in extra { merged[member.key] = member.value }
                    elements[match] = .object(merged)
                }
                written.append(match)
            } else {
                elements.append(addition)
                index[identity(addition), default: []].append(elements.count - 1)
                written.append(elements.count - 1)
            }
        }
        return written
    }

    /// Whether two values of a multi-valued attribute are the same value:
    /// equal `value` (per its `caseExact`) and, when both have one, equal
    /// `type`. With `matchingOnly`, `given` is a removal pattern: only the
    /// sub-attributes it has must match.
    func sameValue(_ element: JSON, _ given: JSON, attribute: SCIMAttributePath, matchingOnly: Bool = false) -> Bool {
        let valuePath = attribute.parent.appending("value")
        let valueExact = catalog.traits(for: valuePath).caseExact
        guard case .object(let givenObject) = given else {
            return Self.equal(element["value"] ?? element, given, caseExact: valueExact)
        }
        guard case .object(let object) = element else { return false }
        if matchingOnly {
            return givenObject.allSatisfy { member in
                let exact = catalog.traits(for: attribute.parent.appending(member.key)).caseExact
                return object[member.key].map { Self.equal($0, member.value, caseExact: exact) } ?? false
            }
        }
        guard let value = object["value"], let givenValue = givenObject["value"] else { return object == givenObject }
        guard Self.equal(value, givenValue, caseExact: valueExact) else { return false }
        if case .string(let type)? = object["type"], case .string(let givenType)? = givenObject["type"] {
            return SCIMCaseFolding.key(type) == SCIMCaseFolding.key(givenType)
        }
        return true
    }

    private static func equal(_ lhs: JSON, _ rhs: JSON, caseExact: Bool) -> Bool {
        if !caseExact, case .string(let a) = lhs, case .string(let b) = rhs {
            return SCIMCaseFolding.key(a) == SCIMCaseFolding.key(b)
        }
        return lhs == rhs
    }

    /// RFC 7643 §2.4: at most one value has `primary: true`. The written
    /// value wins over the others; two written primaries are an error.
    func enforceSinglePrimary(_ elements: inout [JSON], written: [Int]) throws(SCIMPatchError) {
        let isPrimary = { (element: JSON) in element["primary"] == .bool(true) }
        let writtenPrimaries = Set(written.filter { isPrimary(elements[$0]) })
        guard writtenPrimaries.count <= 1 else {
            throw .invalidValue("more than one value has \"primary\": true")
        }
        guard let keep = writtenPrimaries.first else { return }
        for index in elements.indices where index != keep && isPrimary(elements[index]) {
            elements[index]["primary"] = .bool(false)
        }
    }
}
