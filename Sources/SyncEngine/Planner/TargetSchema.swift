public import SCIM

/// The field rules objects are validated with before sending: the same
/// `FieldRule`s the directory enforces (read from its `/Schemas`), so a
/// value refused here would have been refused there.
public struct TargetSchema: Sendable, Hashable, Codable {
    public var userRules: [FieldRule]
    public var groupRules: [FieldRule]

    public init(userRules: [FieldRule], groupRules: [FieldRule]) {
        self.userRules = userRules
        self.groupRules = groupRules
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

    func rules(for kind: ObjectKind) -> [FieldRule] {
        kind == .user ? userRules : groupRules
    }
}
