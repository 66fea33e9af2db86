/// Operations on the values of a multi-valued attribute selected by a value
/// filter, `emails[type eq "work"]` or `emails[type eq "work"].value`
/// (RFC 7644 §3.5.2).
extension SCIMPatchApplier {
    func applyFiltered(
        _ op: SCIMPatchOperation.Kind,
        _ attribute: SCIMAttributePath,
        _ filter: SCIMFilter,
        _ value: JSON?,
        in container: inout JSONObject
    ) throws(SCIMPatchError) {
        let parent = attribute.parent
        let sub = attribute.subAttribute
        var elements: [JSON]
        switch container[parent.name] {
        case nil, .null?: elements = []
        case .array(let existing)?: elements = existing
        case let other?:
            throw .invalidPath("\(parent) holds a \(other.typeName); a value filter needs a multi-valued attribute")
        }
        let evaluator = SCIMFilterEvaluator(traits: catalog.traits(for:))
        let matching = elements.indices.filter { index in
            evaluator.matches(filter, in: elements[index], parent: parent)
        }
        var written: [Int] = []
        switch op {
        case .remove:
            if let sub {
                for index in matching { elements[index][sub] = nil }
            } else {
                for index in matching.reversed() { elements.remove(at: index) }
            }
        case .add, .replace:
            let value = value ?? .null
            if matching.isEmpty {
                // See the type's documentation: add a value built from the
                // filter, or fail with noTarget as §3.5.2.3 says.
                guard op == .add || sub != nil, var seed = Self.seed(from: filter) else {
                    throw .noTarget("no value of \(parent) matches [\(filter)]")
                }
                try write(value, sub: sub, into: &seed, op: .add)
                elements.append(.object(seed))
                written = [elements.count - 1]
            } else {
                for index in matching {
                    guard case .object(var object) = elements[index] else {
                        throw .invalidPath("the values of \(parent) are not complex")
                    }
                    try write(value, sub: sub, into: &object, op: op)
                    elements[index] = .object(object)
                }
                written = matching
            }
        }
        try enforceSinglePrimary(&elements, written: written)
        container[parent.name] = elements.isEmpty ? nil : .array(elements)
    }

    /// Writes into one selected value: a sub-attribute, or the whole value
    /// (replace) or its given sub-attributes (add).
    private func write(_ value: JSON, sub: String?, into object: inout JSONObject, op: SCIMPatchOperation.Kind) throws(SCIMPatchError) {
        if let sub {
            object[sub] = value.isUnassigned ? nil : value
            return
        }
        guard case .object(let replacement) = value else {
            throw .invalidValue("a value selected by a filter must be replaced by an object, found \(value.typeName)")
        }
        if op == .replace {
            object = replacement
        } else {
            for member in replacement { object[member.key] = member.value.isUnassigned ? nil : member.value }
        }
    }

    /// The value a filter of `eq` terms joined by `and` describes, e.g.
    /// `{"type": "work"}` for `type eq "work"`; `nil` for any other filter.
    static func seed(from filter: SCIMFilter) -> JSONObject? {
        switch filter {
        case .comparison(let path, .eq, let value) where path.subAttribute == nil && value != .null:
            return [path.name: value.json]
        case .and(let operands):
            var seed = JSONObject()
            for operand in operands {
                guard let part = self.seed(from: operand) else { return nil }
                for member in part {
                    if let existing = seed[member.key], existing != member.value { return nil }
                    seed[member.key] = member.value
                }
            }
            return seed
        default:
            return nil
        }
    }
}
