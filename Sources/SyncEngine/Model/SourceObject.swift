/// A user or group as a source read it: its anchor, where it was found, its
/// attributes and, for groups, its members by anchor (never by DN, which a
/// rename changes, and never from `memberOf`, which incremental reads do not
/// report as a change on the user).
public struct SourceObject: Sendable, Hashable, Codable {
    public var kind: ObjectKind
    public var anchor: Anchor
    /// The name of the configured source it came from (its rules apply).
    public var source: String
    /// The entry's DN, for `dnToReference` and for reports.
    public var dn: String?
    /// The configured base DN it was read under, for the per-base-DN checks.
    public var baseDN: String?
    /// Attribute values by name; names are kept lowercased, as LDAP
    /// attribute descriptions are case-insensitive (RFC 4512 §2.5).
    public private(set) var attributes: SourceAttributes
    /// Members that are synced objects, by anchor (groups only), each once.
    public var members: [Anchor]
    /// Member DNs the source could not turn into an anchor of the synced
    /// scope: outside the base DNs, foreign security principals. Skipped and
    /// counted.
    public var unresolvedMembers: [String]
    /// The source's digest of what it read for the object (DN and
    /// attributes, not members), when it computes one: equal digests mean
    /// an unchanged entry, so the planner may skip mapping it
    /// (`PlanBuilder.isSettled`). nil: always mapped.
    public var digest: String?

    public init(
        kind: ObjectKind,
        anchor: Anchor,
        source: String = "ldap",
        dn: String? = nil,
        baseDN: String? = nil,
        attributes: [String: [String]] = [:],
        members: [Anchor] = [],
        unresolvedMembers: [String] = [],
        digest: String? = nil
    ) {
        self.init(
            kind: kind, anchor: anchor, source: source, dn: dn, baseDN: baseDN, attributes: SourceAttributes(attributes),
            members: members, unresolvedMembers: unresolvedMembers, digest: digest)
    }

    /// With attributes already in their buffer (sources build it directly).
    public init(
        kind: ObjectKind,
        anchor: Anchor,
        source: String,
        dn: String?,
        baseDN: String?,
        attributes: SourceAttributes,
        members: [Anchor] = [],
        unresolvedMembers: [String] = [],
        digest: String?
    ) {
        self.kind = kind
        self.anchor = anchor
        self.source = source
        self.dn = dn
        self.baseDN = baseDN
        self.attributes = attributes
        self.members = members
        self.unresolvedMembers = unresolvedMembers
        self.digest = digest
    }

    /// Lets go of the attributes once the object is mapped (the planner
    /// keeps the rest: anchor, kind, members).
    mutating func releaseAttributes() {
        attributes = SourceAttributes()
    }

    /// The values of an attribute, by case-insensitive name.
    public func values(_ attribute: String) -> [String] {
        attributes.values(attribute)
    }
}
