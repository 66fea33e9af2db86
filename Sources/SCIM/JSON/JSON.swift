/// A JSON value (RFC 8259), the common currency of SCIM resources, messages
/// and PATCH values.
///
/// Objects keep their members in order (`JSONObject`) rather than in a
/// dictionary: SCIM resources read best with `schemas`, `id` and `meta` first,
/// and a serialization that does not depend on hash seeds gives the same bytes
/// in every process, so an ETag computed from them is the same on every
/// stateless `directoryd` node. Member names are looked up ASCII
/// case-insensitively, because SCIM attribute names and schema URNs are
/// case-insensitive (RFC 7643 §2.1) and both are ASCII by grammar.
///
/// Numbers are `Double`: SCIM's `integer` and `decimal` (RFC 7643 §2.3.4–5)
/// both fit JSON's number, integers are exact up to 2^53, and a value beyond
/// that is as exact as any JavaScript client would keep it.
public enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)
}

// MARK: - Reading

extension JSON {
    /// The member `key` of an object (ASCII case-insensitive), or `nil` for a
    /// missing member or a value that is not an object.
    public subscript(key: String) -> JSON? {
        get {
            guard case .object(let object) = self else { return nil }
            return object[key]
        }
        set {
            guard case .object(var object) = self else { return }
            object[key] = newValue
            self = .object(object)
        }
    }

    /// The element at `index` of an array, or `nil`.
    public subscript(index: Int) -> JSON? {
        guard case .array(let values) = self, values.indices.contains(index) else { return nil }
        return values[index]
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The number as an `Int` when it is integral and in range.
    public var intValue: Int? {
        guard case .number(let value) = self, value.rounded(.towardZero) == value,
            let exact = Int(exactly: value)
        else { return nil }
        return exact
    }

    public var arrayValue: [JSON]? {
        if case .array(let values) = self { return values }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// RFC 7643 §2.5: null, an empty array and (by this module's choice) an
    /// empty object all mean "unassigned".
    public var isUnassigned: Bool {
        switch self {
        case .null: true
        case .array(let values): values.isEmpty
        case .object(let object): object.isEmpty
        default: false
        }
    }

    /// The JSON type's name, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

// MARK: - Literals, so tests and fixed documents read like JSON
//
// Deliberately not `ExpressibleByNilLiteral`: with it, `cond ? nil : value`
// assigned to a `JSON?` silently becomes `.null` instead of "absent".

extension JSON: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSON: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}

extension JSON: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
}

extension JSON: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSON: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
}

extension JSON: ExpressibleByDictionaryLiteral {
    /// Keeps the literal's order.
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(JSONObject(elements))
    }
}

extension JSON: CustomStringConvertible {
    /// The compact serialization.
    public var description: String { serializedString() }
}
