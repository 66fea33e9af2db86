/// Groups the agent makes itself (the `groups` section): one per base DN of
/// the LDAP and LDIF sources, holding the users read under it, and one
/// holding every synced user. They are planner inputs like any group the
/// sources read: created, renamed, given and relieved of members, and
/// deleted by `policies.groups.leftScope` when the option is turned off.
public struct SyntheticGroupSettings: Sendable, Hashable {
    public var options: GroupOptions
    /// The base DNs that get a group with `options.perBaseDN`.
    public var baseDNs: [String]

    public init(options: GroupOptions = GroupOptions(), baseDNs: [String] = []) {
        self.options = options
        self.baseDNs = baseDNs
    }
}

enum SyntheticGroups {
    /// What the groups' `source` says; their names are `name` and `cn`, so
    /// the CSV and the LDAP mapping defaults both write them.
    static let source = "groups"
    /// The group of every synced user: one for the agent, whatever its name.
    static let allUsersAnchor = Anchor("all-users")

    /// A base DN's group; its anchor stays when the name template changes.
    static func anchor(baseDN: String) -> Anchor {
        Anchor("ou-group:" + ObjectMapper.normalizedDN(baseDN))
    }

    /// The groups for the users of one read (in scope, not held), sorted by
    /// anchor; members are sorted too, so the same read gives the same groups.
    static func make(users: [(anchor: Anchor, baseDN: String?)], settings: SyntheticGroupSettings) -> [SourceObject] {
        var groups: [SourceObject] = []
        if let name = settings.options.allUsers {
            groups.append(group(allUsersAnchor, name: name, members: users.map(\.anchor)))
        }
        if let template = settings.options.perBaseDN {
            var byBaseDN: [String: [Anchor]] = [:]
            for user in users {
                if let baseDN = user.baseDN { byBaseDN[ObjectMapper.normalizedDN(baseDN), default: []].append(user.anchor) }
            }
            var seen: Set<String> = []
            for baseDN in settings.baseDNs where seen.insert(ObjectMapper.normalizedDN(baseDN)).inserted {
                let name = template.replacing("{rdn}", with: RDN.firstValue(of: baseDN)).replacing("{dn}", with: baseDN)
                let members = byBaseDN[ObjectMapper.normalizedDN(baseDN)] ?? []
                groups.append(group(anchor(baseDN: baseDN), name: name, members: members))
            }
        }
        return groups.sorted { $0.anchor < $1.anchor }
    }

    private static func group(_ anchor: Anchor, name: String, members: [Anchor]) -> SourceObject {
        SourceObject(
            kind: .group, anchor: anchor, source: source, attributes: ["name": [name], "cn": [name]],
            members: members.sorted())
    }
}

/// The value of a DN's first RDN, unescaped (RFC 4514 §2.4 and §3): `People`
/// for `ou=People,dc=example,dc=org`, `Smith, John` for `cn=Smith\, John,…`.
/// A multi-valued RDN gives its first value.
enum RDN {
    static func firstValue(of dn: String) -> String {
        let bytes = Array(dn.utf8)
        var index = 0
        // The attribute type, up to the first `=` (types hold no escapes).
        while index < bytes.count, bytes[index] != UInt8(ascii: "=") { index += 1 }
        guard index < bytes.count else { return dn }
        index += 1
        var value: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "+") { break }
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                // `\` and a special character, or `\` and two hex digits of a UTF-8 byte.
                if index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                    value.append(high << 4 | low)
                    index += 3
                } else {
                    value.append(bytes[index + 1])
                    index += 2
                }
                continue
            }
            value.append(byte)
            index += 1
        }
        let text = String(decoding: value, as: UTF8.self)
        return String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
