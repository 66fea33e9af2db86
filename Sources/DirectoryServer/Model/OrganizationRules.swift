public import SCIM

/// What a user is checked against in an organization: its custom fields and
/// its verified domains. Read with the bearer token, in the same lookup, so
/// a write needs no further read before its own transaction.
public struct OrganizationRules: Sendable, Hashable {
    public var fields: [FieldRule]
    public var verifiedDomains: Set<String>

    public init(fields: [FieldRule], verifiedDomains: Set<String>) {
        self.fields = fields
        self.verifiedDomains = verifiedDomains
    }
}
