public import SyncEngine

/// What a directory source syncs, whatever it reads from (a live LDAP server
/// or an LDIF file): which entries are users and groups, their anchor, the
/// base DNs and exclusions that bound the scope, and the disabled rule.
///
/// Both sources apply one scope with one `DirectoryObjectBuilder`, so the
/// same directory read over LDAP or exported to LDIF gives the same objects.
public struct DirectoryScope: Sendable, Hashable {
    /// The configured source's name, stamped on every object.
    public var source: String
    public var profile: LDAPProfile
    public var userFilter: EntryFilter
    public var groupFilter: EntryFilter
    /// The immutable id: `entryUUID` (RFC 4530) or AD's `objectGUID`.
    public var anchorAttribute: String
    public var exclusions: [AttributeRule]
    /// Users matching it are disabled in the source; the planner applies the
    /// policy, the scope only counts them.
    public var disabled: AttributeRule?
    /// The synced subtrees. Empty means every entry (an LDIF file read
    /// without `baseDNs`).
    public var baseDNs: [String]
    public var scope: LDAPSourceConfiguration.Scope

    public init(
        source: String, profile: LDAPProfile,
        userFilter: EntryFilter, groupFilter: EntryFilter, anchorAttribute: String,
        exclusions: [AttributeRule] = [], disabled: AttributeRule? = nil,
        baseDNs: [String] = [], scope: LDAPSourceConfiguration.Scope = .sub
    ) {
        self.source = source
        self.profile = profile
        self.userFilter = userFilter
        self.groupFilter = groupFilter
        self.anchorAttribute = anchorAttribute
        self.exclusions = exclusions
        self.disabled = disabled
        self.baseDNs = baseDNs
        self.scope = scope
    }

    /// The scope of a configured LDAP source. Throws when a filter cannot be
    /// evaluated or a base DN is not a DN.
    public init(source: String, configuration ldap: LDAPSourceConfiguration) throws(DirectoryScopeError) {
        self.init(
            source: source, profile: ldap.profile,
            userFilter: try Self.filter(ldap.userFilter, key: "userFilter"),
            groupFilter: try Self.filter(ldap.groupFilter, key: "groupFilter"),
            anchorAttribute: ldap.anchorAttribute, exclusions: ldap.exclude, disabled: ldap.disabled,
            baseDNs: ldap.baseDNs, scope: ldap.scope)
        try checkBaseDNs()
    }

    /// The scope of a configured LDIF source: the profile's filters, and its
    /// base DNs (none: the whole file).
    public init(source: String, configuration ldif: LDIFSourceConfiguration) throws(DirectoryScopeError) {
        self.init(
            source: source, profile: ldif.profile,
            userFilter: try Self.filter(ldif.profile.userFilter, key: "userFilter"),
            groupFilter: try Self.filter(ldif.profile.groupFilter, key: "groupFilter"),
            anchorAttribute: ldif.anchorAttribute, exclusions: ldif.exclude, disabled: ldif.disabled,
            baseDNs: ldif.baseDNs)
        try checkBaseDNs()
    }

    private static func filter(_ text: String, key: String) throws(DirectoryScopeError) -> EntryFilter {
        do {
            return try EntryFilter(parsing: text)
        } catch {
            throw DirectoryScopeError(description: "\(key): \(error)")
        }
    }

    private func checkBaseDNs() throws(DirectoryScopeError) {
        for baseDN in baseDNs where DistinguishedName(baseDN) == nil {
            throw DirectoryScopeError(description: "baseDNs: \(baseDN) is not a valid DN (RFC 4514)")
        }
    }
}

/// A scope that cannot be applied: a filter the agent cannot evaluate, a
/// base DN that is not a DN.
public struct DirectoryScopeError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
}
