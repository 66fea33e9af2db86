/// Why a JSON value is not the SCIM message it should be: a member missing
/// or of the wrong type. A request body that fails here is answered with
/// 400 `invalidSyntax` (RFC 7644 §3.12); a client that gets it from a
/// response knows the target spoke something else.
public struct SCIMDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message being read, e.g. `ListResponse`.
    public let message: String
    /// The member concerned, e.g. `Operations[2].op`.
    public let member: String?
    public let reason: String

    public init(message: String, member: String?, reason: String) {
        self.message = message
        self.member = member
        self.reason = reason
    }

    public var description: String {
        if let member { return "\(message): \(member): \(reason)" }
        return "\(message): \(reason)"
    }
}

extension SCIMDecodingError: SCIMErrorConvertible {
    public var scimError: SCIMError {
        SCIMError(status: 400, scimType: .invalidSyntax, detail: description)
    }
}

/// Typed reads from a message object, each failure naming the member.
struct SCIMMessageReader {
    let message: String
    let object: JSONObject
    let prefix: String

    init(_ json: JSON, message: String, prefix: String = "") throws(SCIMDecodingError) {
        guard case .object(let object) = json else {
            throw SCIMDecodingError(message: message, member: prefix.isEmpty ? nil : prefix, reason: "expected an object, found \(json.typeName)")
        }
        self.message = message
        self.object = object
        self.prefix = prefix
    }

    func fail(_ key: String, _ reason: String) -> SCIMDecodingError {
        SCIMDecodingError(message: message, member: prefix.isEmpty ? key : prefix + "." + key, reason: reason)
    }

    func value(_ key: String) -> JSON? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    func string(_ key: String) throws(SCIMDecodingError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let string) = value else { throw fail(key, "expected a string, found \(value.typeName)") }
        return string
    }

    func requiredString(_ key: String) throws(SCIMDecodingError) -> String {
        guard let string = try string(key) else { throw fail(key, "missing") }
        return string
    }

    /// An integer, also from a string of digits: RFC 7644's examples write
    /// `status` as a string, and clients differ on numbers in general.
    func int(_ key: String) throws(SCIMDecodingError) -> Int? {
        guard let value = value(key) else { return nil }
        if let int = value.intValue { return int }
        if case .string(let text) = value, let int = Int(text) { return int }
        throw fail(key, "expected an integer, found \(value.typeName)")
    }

    func stringArray(_ key: String) throws(SCIMDecodingError) -> [String]? {
        guard let value = value(key) else { return nil }
        guard case .array(let elements) = value else {
            // A single string where a list belongs is read as a list of one.
            if case .string(let single) = value { return [single] }
            throw fail(key, "expected an array of strings, found \(value.typeName)")
        }
        var strings: [String] = []
        for element in elements {
            guard case .string(let string) = element else { throw fail(key, "expected an array of strings") }
            strings.append(string)
        }
        return strings
    }

    func array(_ key: String) throws(SCIMDecodingError) -> [JSON]? {
        guard let value = value(key) else { return nil }
        guard case .array(let elements) = value else { throw fail(key, "expected an array, found \(value.typeName)") }
        return elements
    }

    /// Checks that `schemas`, when present, lists `urn`; absent `schemas`
    /// is tolerated, since some clients leave it out of requests.
    func expectSchema(_ urn: String) throws(SCIMDecodingError) {
        guard let schemas = try stringArray("schemas") else { return }
        guard schemas.contains(where: { ASCIICaseInsensitive.equal($0, urn) }) else {
            throw fail("schemas", "does not contain \(urn)")
        }
    }
}

extension JSONObject {
    /// Appends `value` under `key` unless it is `nil`; for writing messages.
    mutating func set(_ key: String, _ value: JSON?) {
        if let value { appendUnchecked(key, value) }
    }
}
