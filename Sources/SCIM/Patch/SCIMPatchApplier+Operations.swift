/// add, replace and remove on a path without a value filter
/// (RFC 7644 §3.5.2.1–§3.5.2.3).
extension SCIMPatchApplier {
    func add(_ attribute: SCIMAttributePath, _ value: JSON, in container: inout JSONObject) throws(SCIMPatchError) {
        guard !value.isUnassigned else { return }
        let name = attribute.name
        if let sub = attribute.subAttribute {
            var object = try complexValue(container[name], of: attribute)
            object[sub] = try added(value, to: object[sub], attribute: attribute)
            container[name] = .object(object)
        } else {
            container[name] = try added(value, to: container[name], attribute: attribute)
        }
    }

    /// §3.5.2.1: a multi-valued attribute gains the new values, a complex one
    /// the new sub-attributes, a single-valued one is replaced.
    private func added(_ value: JSON, to existing: JSON?, attribute: SCIMAttributePath) throws(SCIMPatchError) -> JSON {
        if isMultiValued(attribute, existing: existing, value: value) {
            var elements = existing.map(Self.elements) ?? []
            let written = appendUnique(Self.elements(value), to: &elements, attribute: attribute)
            try enforceSinglePrimary(&elements, written: written)
            return .array(elements)
        }
        if case .object(let additions) = value, case .object(var object)? = existing {
            for member in additions where !member.value.isUnassigned {
                object[member.key] = member.value
            }
            return .object(object)
        }
        return value
    }

    func replace(_ attribute: SCIMAttributePath, _ value: JSON, in container: inout JSONObject) throws(SCIMPatchError) {
        let name = attribute.name
        if let sub = attribute.subAttribute {
            var object = try complexValue(container[name], of: attribute)
            object[sub] = value.isUnassigned ? nil : try replaced(object[sub], with: value, attribute: attribute)
            container[name] = object.isEmpty ? nil : .object(object)
            return
        }
        guard !value.isUnassigned else {
            container[name] = nil
            return
        }
        container[name] = try replaced(container[name], with: value, attribute: attribute)
    }

    /// §3.5.2.3: all values of a multi-valued attribute are replaced; a
    /// complex attribute's given sub-attributes are replaced and the others
    /// kept; a single value is replaced.
    private func replaced(_ existing: JSON?, with value: JSON, attribute: SCIMAttributePath) throws(SCIMPatchError) -> JSON {
        if isMultiValued(attribute, existing: existing, value: value) {
            var elements: [JSON] = []
            let written = appendUnique(Self.elements(value), to: &elements, attribute: attribute)
            try enforceSinglePrimary(&elements, written: written)
            return .array(elements)
        }
        if case .object(let replacements) = value, case .object(var object)? = existing {
            for member in replacements {
                object[member.key] = member.value.isUnassigned ? nil : member.value
            }
            return .object(object)
        }
        return value
    }

    func remove(_ attribute: SCIMAttributePath, _ value: JSON?, in container: inout JSONObject) throws(SCIMPatchError) {
        let name = attribute.name
        guard let existing = container[name] else { return }
        if let sub = attribute.subAttribute {
            switch existing {
            case .object(var object):
                object[sub] = nil
                container[name] = object.isEmpty ? nil : .object(object)
            case .array(var elements):
                // A sub-attribute of every value, e.g. remove emails.display.
                for index in elements.indices {
                    elements[index][sub] = nil
                }
                container[name] = .array(elements)
            default:
                throw .invalidPath("\(attribute.parent) is not a complex attribute")
            }
            return
        }
        if let value, !value.isUnassigned, case .array(var elements) = existing {
            // Remove only the listed values (Entra ID's member removal).
            let doomed = Self.elements(value)
            elements.removeAll { element in
                doomed.contains { sameValue(element, $0, attribute: attribute, matchingOnly: true) }
            }
            container[name] = elements.isEmpty ? nil : .array(elements)
            return
        }
        container[name] = nil
    }

    /// The object to put a sub-attribute into: the existing complex value or
    /// a new one.
    func complexValue(_ existing: JSON?, of attribute: SCIMAttributePath) throws(SCIMPatchError) -> JSONObject {
        switch existing {
        case nil, .null?: return JSONObject()
        case .object(let object)?: return object
        case .array?:
            throw .invalidPath(
                "\(attribute.parent) is multi-valued: select values with a filter, as in \(attribute.parent)[type eq \"work\"].\(attribute.subAttribute ?? "value")"
            )
        case let other?:
            throw .invalidPath("\(attribute.parent) holds a \(other.typeName), not a complex value")
        }
    }

    func isMultiValued(_ attribute: SCIMAttributePath, existing: JSON?, value: JSON) -> Bool {
        if case .array? = existing { return true }
        if case .array = value { return true }
        return catalog.traits(for: attribute).multiValued
    }

    static func elements(_ value: JSON) -> [JSON] {
        switch value {
        case .array(let elements): elements
        case .null: []
        default: [value]
        }
    }
}
