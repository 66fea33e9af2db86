public import SCIM

/// The target's rules objects are checked with before sending: the same
/// `FieldRule`s the directory enforces (read from its `/Schemas`), so a
/// value refused here would have been refused there; the fields the target
/// has, so a mapping to one it lacks is refused (`MappingCheck`); and the
/// verified email domains when the target tells them.
public struct TargetSchema: Sendable, Hashable, Codable {
    public var userRules: [FieldRule]
    public var groupRules: [FieldRule]
    /// The user fields the target has: the name a mapping may use,
    /// lower-cased (`title`, `name.givenName`, `department`, a custom field's
    /// `office`, or a qualified `urn:…:office`) → the name the agent writes
    /// (`SCIMFieldLayout` places it: `urn:…:User:office` for a custom field).
    /// `nil` when the target did not publish its schemas (RFC 7643 §7): every
    /// mapped name is then written as given, unchecked.
    public var userFields: [String: String]?
    public var groupFields: [String: String]?
    /// The organization's verified email domains, when the target tells
    /// (directoryd's `…:directorysync:2.0:Organization` extension of
    /// `/ServiceProviderConfig`). `nil`: not told, not checked; empty: none
    /// verified, so any address is accepted, as the directory does.
    public var verifiedDomains: Set<String>?

    public init(
        userRules: [FieldRule], groupRules: [FieldRule], userFields: [String: String]? = nil,
        groupFields: [String: String]? = nil, verifiedDomains: Set<String>? = nil
    ) {
        self.userRules = userRules
        self.groupRules = groupRules
        self.userFields = userFields
        self.groupFields = groupFields
        self.verifiedDomains = verifiedDomains
    }

    /// What every SCIM target needs (RFC 7643 §4.1 `userName` required,
    /// §4.2 `displayName` required) plus an email address per user, which
    /// the directory requires and conditions.md reports as `invalid-email`.
    public static let standard = TargetSchema(
        userRules: [
            FieldRule(name: "userName", kind: .text, maxLength: 256, required: true),
            FieldRule(name: "emails", kind: .email, required: true, multiValued: true),
            FieldRule(name: "phoneNumbers", kind: .phone, multiValued: true),
        ],
        groupRules: [FieldRule(name: "displayName", kind: .text, maxLength: 256, required: true)]
    )

    public func rules(for kind: ObjectKind) -> [FieldRule] {
        kind == .user ? userRules : groupRules
    }

    public func fields(for kind: ObjectKind) -> [String: String]? {
        kind == .user ? userFields : groupFields
    }

    /// The name to write for a mapped field name; `nil` when the target
    /// published its fields and has none of that name.
    public func resolve(_ name: String, kind: ObjectKind) -> String? {
        guard let fields = fields(for: kind) else { return name }
        return fields[name.lowercased()]
    }
}
