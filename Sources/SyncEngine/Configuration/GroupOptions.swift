/// Groups the agent makes itself, besides those the sources hold (the
/// `groups` section): one per base DN, and one of every synced user. They
/// are kept up to date like any other group.
public struct GroupOptions: Sendable, Hashable, Codable {
    /// The name of a group holding every synced user; nil: no such group.
    public var allUsers: String?
    /// The name template of a group per base DN of the LDAP and LDIF
    /// sources, holding the users read under it: `{rdn}` is the value of
    /// the base DN's first RDN (`People` for `ou=People,dc=example,dc=org`),
    /// `{dn}` the whole base DN. nil: no such groups.
    public var perBaseDN: String?

    public init(allUsers: String? = nil, perBaseDN: String? = nil) {
        self.allUsers = allUsers
        self.perBaseDN = perBaseDN
    }

    /// The placeholders a `perBaseDN` template may hold.
    public static let placeholders = ["{rdn}", "{dn}"]
}

/// Reading the `groups` section.
extension Configuration {
    static func readGroups(_ value: YAMLValue) throws(ConfigurationError) -> GroupOptions {
        let keys = try value.mapping(known: ["allUsers", "perBaseDN"])
        var options = GroupOptions()
        if let allUsers = keys["allUsers"] {
            let name = try allUsers.string()
            guard !name.isEmpty else { throw allUsers.fail("must be the group's name, e.g. All users") }
            options.allUsers = name
        }
        if let perBaseDN = keys["perBaseDN"] {
            let template = try perBaseDN.string()
            guard GroupOptions.placeholders.contains(where: template.contains) else {
                throw perBaseDN.fail("must hold {rdn} or {dn}, or every base DN's group would have one name; e.g. \"{rdn}\" or \"Staff - {rdn}\"")
            }
            options.perBaseDN = template
        }
        return options
    }
}
