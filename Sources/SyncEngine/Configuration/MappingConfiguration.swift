/// How source attributes become target fields, for users and for groups.
public struct MappingConfiguration: Sendable, Hashable, Codable {
    public var users: [FieldMapping]
    public var groups: [FieldMapping]

    public init(users: [FieldMapping], groups: [FieldMapping]) {
        self.users = users
        self.groups = groups
    }

    /// The profile's defaults: SCIM core and enterprise fields from the
    /// attributes the profile's object classes carry.
    public static func defaults(for profile: LDAPProfile) -> MappingConfiguration {
        let users: [FieldMapping]
        switch profile {
        case .openldap:
            users = [
                FieldMapping("userName", from: ["uid"], transforms: [.first, .lower]),
                FieldMapping("emails", from: ["mail"], transforms: [.lower]),
                FieldMapping("displayName", from: ["cn"], transforms: [.first]),
                FieldMapping("name.givenName", from: ["givenName"], transforms: [.first]),
                FieldMapping("name.familyName", from: ["sn"], transforms: [.first]),
                FieldMapping("title", from: ["title"], transforms: [.first]),
                FieldMapping("phoneNumbers", from: ["telephoneNumber"]),
                FieldMapping("employeeNumber", from: ["employeeNumber"], transforms: [.first]),
                FieldMapping("department", from: ["departmentNumber"], transforms: [.first]),
                FieldMapping("manager", from: ["manager"], transforms: [.first, .dnToReference]),
            ]
        case .activeDirectory:
            users = [
                FieldMapping("userName", from: ["userPrincipalName"], transforms: [.lower]),
                FieldMapping("emails", from: ["mail"], transforms: [.lower]),
                FieldMapping("displayName", from: ["displayName"]),
                FieldMapping("name.givenName", from: ["givenName"]),
                FieldMapping("name.familyName", from: ["sn"]),
                FieldMapping("title", from: ["title"]),
                FieldMapping("phoneNumbers", from: ["telephoneNumber"]),
                FieldMapping("employeeNumber", from: ["employeeID"]),
                FieldMapping("department", from: ["department"]),
                FieldMapping("manager", from: ["manager"], transforms: [.dnToReference]),
            ]
        }
        return MappingConfiguration(users: users, groups: [FieldMapping("displayName", from: ["cn"], transforms: [.first])])
    }

    /// Fields the engine writes itself: `externalId` carries the anchor (so
    /// a crashed create can be found again) and `active` follows the policies.
    public static let engineFields: Set<String> = ["externalId", "active"]

    /// Source attributes the mapping reads, for the source's attribute list.
    public var sourceAttributes: [String] {
        var seen = Set<String>()
        return (users + groups).flatMap(\.sources).filter { seen.insert($0.lowercased()).inserted }
    }

    /// The mapping's version: a digest of its canonical form. It is part of
    /// every object's hash, so changing the mapping updates every object it
    /// affects on the next run, even where the stored values look equal.
    public var version: String {
        var text = ""
        for (kind, fields) in [("users", users), ("groups", groups)] {
            text += kind + "\n"
            for field in fields {
                text += field.target + "<" + field.sources.joined(separator: ",") + "|"
                text += field.transforms.map(\.canonical).joined(separator: "|") + "\n"
            }
        }
        return String(ContentHash.hex(of: Array(text.utf8)).prefix(16))
    }
}

/// One target field and where its value comes from.
public struct FieldMapping: Sendable, Hashable, Codable {
    /// The target field: a SCIM attribute (`userName`, `name.givenName`,
    /// `emails`, enterprise `department`, `manager`, `employeeNumber`) or the
    /// name of one of the organization's custom fields.
    public var target: String
    /// Source attributes. With one, the values start as all of its values;
    /// with several (for `join`), as the first value of each, in order.
    public var sources: [String]
    public var transforms: [Transform]

    public init(_ target: String, from sources: [String], transforms: [Transform] = []) {
        self.target = target
        self.sources = sources
        self.transforms = transforms
    }

    /// The field refers to another synced user (`dnToReference`).
    var isReference: Bool { transforms.contains(.dnToReference) }
}

/// A step that turns source values into the field's value. Steps run in
/// the order written, each on the list of values the previous one left.
public enum Transform: Sendable, Hashable, Codable {
    /// The values (for several `from` attributes: the first of each) joined
    /// into one by the separator.
    case join(String)
    case lower
    case upper
    /// Replaces the domain of every email address, e.g. with a verified one.
    case replaceDomain(String)
    /// The value when there is none.
    case `default`(String)
    /// The value is a DN of another synced user; the field refers to that
    /// user in the target (SCIM `manager.value`).
    case dnToReference
    /// Only the first value of a multi-valued attribute.
    case first
    /// LDAP GeneralizedTime (RFC 4517 §3.3.13) to an RFC 3339 instant in
    /// UTC, or with `dateOnly` to a plain `YYYY-MM-DD`.
    case generalizedTimeToDate(dateOnly: Bool)

    /// The name used in the configuration file.
    public var name: String {
        switch self {
        case .join: "join"
        case .lower: "lower"
        case .upper: "upper"
        case .replaceDomain: "replaceDomain"
        case .default: "default"
        case .dnToReference: "dnToReference"
        case .first: "first"
        case .generalizedTimeToDate: "generalizedTimeToDate"
        }
    }

    var canonical: String {
        switch self {
        case .join(let separator): "join(\(separator))"
        case .replaceDomain(let domain): "replaceDomain(\(domain))"
        case .default(let value): "default(\(value))"
        case .generalizedTimeToDate(let dateOnly): dateOnly ? "generalizedTimeToDate(date)" : "generalizedTimeToDate"
        default: name
        }
    }
}
