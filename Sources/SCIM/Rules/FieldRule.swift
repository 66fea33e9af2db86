/// The rules of one field (a custom field of an organization, or a standard
/// attribute the directory constrains), shared by the directory, which
/// enforces them, and the agent, which checks values before sending them.
public struct FieldRule: Sendable, Hashable, Codable {
    /// What a field holds; decides which values are valid.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case text
        /// An address as `FieldValidator.isValidEmail` accepts it.
        case email
        /// Digits, spaces, `+-().`, an optional extension.
        case phone
        /// An absolute `http`/`https` URL with a host.
        case url
        /// A decimal number.
        case number
        /// A calendar date, `YYYY-MM-DD`.
        case date
        /// One of `canonicalValues`.
        case pickList
    }

    /// The attribute name (RFC 7643 §2.1 `ATTRNAME`).
    public var name: String
    public var kind: Kind
    /// The longest value allowed, in Unicode scalars (code points) of the
    /// value's NFC form; `nil` for no limit. Code points, not UTF-16 units
    /// or grapheme clusters: they are what PostgreSQL's `char_length` and a
    /// database `varchar(n)` count, they do not depend on the Unicode
    /// version's grapheme rules, and counting the NFC form makes "é" one
    /// whether a client sent it composed (Windows) or decomposed (macOS).
    public var maxLength: Int?
    /// A value must be present (RFC 7643 §7 `required`).
    public var required: Bool
    /// The field holds a list of values, each checked on its own.
    public var multiValued: Bool
    /// The allowed values of a pick list, in their canonical spelling
    /// (RFC 7643 §7 `canonicalValues`).
    public var canonicalValues: [String]

    public init(
        name: String,
        kind: Kind,
        maxLength: Int? = nil,
        required: Bool = false,
        multiValued: Bool = false,
        canonicalValues: [String] = []
    ) {
        self.name = name
        self.kind = kind
        self.maxLength = maxLength
        self.required = required
        self.multiValued = multiValued
        self.canonicalValues = canonicalValues
    }
}

/// A value that breaks a field rule: the reason code, the field, and a
/// sentence for the administrator.
public struct FieldViolation: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: SCIMReasonCode
    /// The field's name (or, for a caller that validates a nested value, the
    /// path it passed).
    public let field: String
    public let detail: String

    public init(_ reason: SCIMReasonCode, field: String, detail: String) {
        self.reason = reason
        self.field = field
        self.detail = detail
    }

    public var description: String { "\(field): \(detail) (\(reason))" }
}

extension FieldViolation: SCIMErrorConvertible {
    public var scimError: SCIMError {
        SCIMError(reason, attribute: field, detail: description)
    }
}
