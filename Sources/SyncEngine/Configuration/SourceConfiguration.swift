/// One source of people and groups.
public struct SourceConfiguration: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case ldap(LDAPSourceConfiguration)
        case ldif(LDIFSourceConfiguration)
        case csv(CSVSourceConfiguration)
    }

    /// A short name for reports and logs; unique among the sources.
    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The LDAP profile; a CSV source has none and reads as `openldap`
    /// (its mapping defaults are `mappingDefaults`).
    public var profile: LDAPProfile {
        switch kind {
        case .ldap(let ldap): ldap.profile
        case .ldif(let ldif): ldif.profile
        case .csv: .openldap
        }
    }

    /// The mapping used when the file has no `mapping` (or one section of
    /// it): the profile's for LDAP and LDIF, the CSV columns' for CSV.
    public var mappingDefaults: MappingConfiguration {
        switch kind {
        case .ldap, .ldif: MappingConfiguration.defaults(for: profile)
        case .csv: MappingConfiguration.csvDefaults
        }
    }

    /// The "disabled" rule the planner applies to this source's users.
    public var disabled: AttributeRule? {
        switch kind {
        case .ldap(let ldap): ldap.disabled
        case .ldif(let ldif): ldif.disabled
        case .csv(let csv): csv.disabled
        }
    }

    /// The base DNs of an LDAP or LDIF source; none for CSV.
    public var directoryBaseDNs: [String] {
        switch kind {
        case .ldap(let ldap): ldap.baseDNs
        case .ldif(let ldif): ldif.baseDNs
        case .csv: []
        }
    }

    public var exclusions: [AttributeRule] {
        switch kind {
        case .ldap(let ldap): ldap.exclude
        case .ldif(let ldif): ldif.exclude
        case .csv(let csv): csv.exclude
        }
    }
}

/// An LDAP or Active Directory domain.
public struct LDAPSourceConfiguration: Sendable, Hashable {
    public enum Scope: String, Sendable, Hashable, Codable, CaseIterable {
        /// The base DN's whole subtree (RFC 4511 §4.5.1.2 wholeSubtree).
        case sub
        /// The base DN's direct children only (singleLevel).
        case one
    }

    /// Servers tried in order (`ldap://` or `ldaps://`).
    public var urls: [String]
    /// `nil` for an anonymous bind.
    public var bindDN: String?
    public var password: SecretReference?
    public var startTLS: Bool = false
    public var caFile: String?
    public var profile: LDAPProfile
    public var baseDNs: [String]
    public var scope: Scope = .sub
    /// RFC 4515 filters; the profile's when not configured.
    public var userFilter: String
    public var groupFilter: String
    public var anchorAttribute: String
    /// Objects matching any rule are outside the synced scope.
    public var exclude: [AttributeRule] = []
    /// Users matching this rule are disabled in the source.
    public var disabled: AttributeRule?
    /// Extra attributes to read besides those the mapping needs.
    public var attributes: [String] = []

    public init(urls: [String], profile: LDAPProfile, baseDNs: [String]) {
        self.urls = urls
        self.profile = profile
        self.baseDNs = baseDNs
        self.userFilter = profile.userFilter
        self.groupFilter = profile.groupFilter
        self.anchorAttribute = profile.anchorAttribute
        self.disabled = profile.disabledRule
    }
}

/// An RFC 2849 LDIF file (`ldifde` or `slapcat` output).
public struct LDIFSourceConfiguration: Sendable, Hashable {
    public var path: String
    public var profile: LDAPProfile
    /// The subtrees of the file to sync; empty: every entry. With base DNs,
    /// an entry moved elsewhere leaves the scope, as it does over LDAP.
    public var baseDNs: [String] = []
    public var anchorAttribute: String
    public var exclude: [AttributeRule] = []
    public var disabled: AttributeRule?

    public init(path: String, profile: LDAPProfile) {
        self.path = path
        self.profile = profile
        self.anchorAttribute = profile.anchorAttribute
        self.disabled = profile.disabledRule
    }
}

/// A test on one attribute of a source object: exclusion rules and the
/// "disabled" rule.
public struct AttributeRule: Sendable, Hashable, Codable {
    public enum Operator: String, Sendable, Hashable, Codable, CaseIterable {
        case equals, startsWith, endsWith, contains
        /// A regular expression matching the whole value or part of it.
        case matches
        /// The attribute has a value; `values` is empty.
        case present
        /// The value is a number with all bits of a value set, e.g. Active
        /// Directory's `userAccountControl` flag 2 (ACCOUNTDISABLE).
        case bitsSet
    }

    public var attribute: String
    public var `operator`: Operator
    /// Any one of them may match. Text comparisons ignore case, as LDAP's
    /// usual matching rules (caseIgnoreMatch) do.
    public var values: [String]

    public init(attribute: String, operator: Operator, values: [String] = []) {
        self.attribute = attribute
        self.operator = `operator`
        self.values = values
    }
}

/// Defaults for a kind of directory server.
public enum LDAPProfile: String, Sendable, Hashable, Codable, CaseIterable {
    case openldap
    case activeDirectory

    public var anchorAttribute: String {
        switch self {
        case .openldap: "entryUUID"
        case .activeDirectory: "objectGUID"
        }
    }

    public var userFilter: String {
        switch self {
        case .openldap: "(objectClass=inetOrgPerson)"
        case .activeDirectory: "(&(objectCategory=person)(objectClass=user))"
        }
    }

    public var groupFilter: String {
        switch self {
        case .openldap: "(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))"
        case .activeDirectory: "(objectClass=group)"
        }
    }

    /// How a disabled account shows: AD's ACCOUNTDISABLE flag; OpenLDAP's
    /// ppolicy lock (draft-behera-ldap-password-policy `pwdAccountLockedTime`).
    public var disabledRule: AttributeRule {
        switch self {
        case .openldap: AttributeRule(attribute: "pwdAccountLockedTime", operator: .present)
        case .activeDirectory: AttributeRule(attribute: "userAccountControl", operator: .bitsSet, values: ["2"])
        }
    }
}
