/// A user or group as a source read it: its anchor, where it was found, its
/// attributes and, for groups, its members by anchor (never by DN, which a
/// rename changes, and never from `memberOf`, which incremental reads do not
/// report as a change on the user).
///
/// Its fields are `SharedFields`: a read of 100,000 objects passes each
/// through the builder, the change events, the planner's table and its
/// loops, and a copy is one reference count instead of one per string and
/// array.
public struct SourceObject: Sendable {
    private var storage: SharedFields<Fields>

    public var kind: ObjectKind {
        get { storage.fields.kind }
        set { storage.update { $0.kind = newValue } }
    }

    public var anchor: Anchor {
        get { storage.fields.anchor }
        set { storage.update { $0.anchor = newValue } }
    }

    /// The name of the configured source it came from (its rules apply).
    public var source: String {
        get { storage.fields.source }
        set { storage.update { $0.source = newValue } }
    }

    /// The entry's DN, for `dnToReference` and for reports.
    public var dn: String? {
        get { storage.fields.dn }
        set { storage.update { $0.dn = newValue } }
    }

    /// The configured base DN it was read under, for the per-base-DN checks.
    public var baseDN: String? {
        get { storage.fields.baseDN }
        set { storage.update { $0.baseDN = newValue } }
    }

    /// Attribute values by name; names are kept lowercased, as LDAP
    /// attribute descriptions are case-insensitive (RFC 4512 §2.5).
    public var attributes: SourceAttributes { storage.fields.attributes }

    /// Members that are synced objects, by anchor (groups only), each once.
    public var members: [Anchor] {
        get { storage.fields.members }
        set { storage.update { $0.members = newValue } }
    }

    /// Member DNs the source could not turn into an anchor of the synced
    /// scope: outside the base DNs, foreign security principals. Skipped and
    /// counted.
    public var unresolvedMembers: [String] {
        get { storage.fields.unresolvedMembers }
        set { storage.update { $0.unresolvedMembers = newValue } }
    }

    /// The source's digest of what it read for the object (DN and
    /// attributes, not members), when it computes one: equal digests mean
    /// an unchanged entry, so the planner may skip mapping it
    /// (`PlanBuilder.isSettled`). nil: always mapped.
    public var digest: String? {
        get { storage.fields.digest }
        set { storage.update { $0.digest = newValue } }
    }

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
        storage = SharedFields(Fields(
            kind: kind, anchor: anchor, source: source, dn: dn, baseDN: baseDN, attributes: attributes, members: members,
            unresolvedMembers: unresolvedMembers, digest: digest))
    }

    /// Lets go of the attributes once the object is mapped (the planner
    /// keeps the rest: anchor, kind, members).
    mutating func releaseAttributes() {
        storage.update { $0.attributes = SourceAttributes() }
    }

    /// The values of an attribute, by case-insensitive name.
    public func values(_ attribute: String) -> [String] {
        storage.fields.attributes.values(attribute)
    }

    /// Whether the attribute has a value, by case-insensitive name.
    public func hasValue(_ attribute: String) -> Bool {
        storage.fields.attributes.hasValue(attribute)
    }

    private struct Fields: Sendable {
        var kind: ObjectKind
        var anchor: Anchor
        var source: String
        var dn: String?
        var baseDN: String?
        var attributes: SourceAttributes
        var members: [Anchor]
        var unresolvedMembers: [String]
        var digest: String?
    }
}

/// Equal when every field is; copies sharing one box are equal at once.
extension SourceObject: Hashable {
    public static func == (lhs: SourceObject, rhs: SourceObject) -> Bool {
        if lhs.storage.isShared(with: rhs.storage) { return true }
        return lhs.kind == rhs.kind && lhs.anchor == rhs.anchor && lhs.source == rhs.source && lhs.dn == rhs.dn
            && lhs.baseDN == rhs.baseDN && lhs.attributes == rhs.attributes && lhs.members == rhs.members
            && lhs.unresolvedMembers == rhs.unresolvedMembers && lhs.digest == rhs.digest
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(anchor)
        hasher.combine(source)
        hasher.combine(dn)
        hasher.combine(baseDN)
        hasher.combine(attributes)
        hasher.combine(members)
        hasher.combine(unresolvedMembers)
        hasher.combine(digest)
    }
}

/// The JSON object of its fields, as before the box.
extension SourceObject: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, anchor, source, dn, baseDN, attributes, members, unresolvedMembers, digest
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            kind: try container.decode(ObjectKind.self, forKey: .kind),
            anchor: try container.decode(Anchor.self, forKey: .anchor),
            source: try container.decode(String.self, forKey: .source),
            dn: try container.decodeIfPresent(String.self, forKey: .dn),
            baseDN: try container.decodeIfPresent(String.self, forKey: .baseDN),
            attributes: try container.decode(SourceAttributes.self, forKey: .attributes),
            members: try container.decode([Anchor].self, forKey: .members),
            unresolvedMembers: try container.decode([String].self, forKey: .unresolvedMembers),
            digest: try container.decodeIfPresent(String.self, forKey: .digest))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(anchor, forKey: .anchor)
        try container.encode(source, forKey: .source)
        try container.encodeIfPresent(dn, forKey: .dn)
        try container.encodeIfPresent(baseDN, forKey: .baseDN)
        try container.encode(attributes, forKey: .attributes)
        try container.encode(members, forKey: .members)
        try container.encode(unresolvedMembers, forKey: .unresolvedMembers)
        try container.encodeIfPresent(digest, forKey: .digest)
    }
}
