/// The stored pair anchor → target object, with what was last written.
///
/// Its fields are `SharedFields`: the planner looks up or walks every link
/// of every run, and a copy is one reference count instead of one per
/// string and array.
public struct Link: Sendable {
    /// Whether the agent made the target object or found it there. Both may
    /// be deactivated and deleted by policy (the administrator chose to sync
    /// it); a pre-existing group only loses the members the agent added.
    public enum Origin: String, Sendable, Hashable, Codable {
        case created
        case linked
    }

    private var storage: SharedFields<Fields>

    public var kind: ObjectKind {
        get { storage.fields.kind }
        set { storage.update { $0.kind = newValue } }
    }

    public var targetID: String {
        get { storage.fields.targetID }
        set { storage.update { $0.targetID = newValue } }
    }

    public var origin: Origin {
        get { storage.fields.origin }
        set { storage.update { $0.origin = newValue } }
    }

    /// `ObjectHash` of what was last written, mapping version included.
    public var hash: String {
        get { storage.fields.hash }
        set { storage.update { $0.hash = newValue } }
    }

    public var mappingVersion: String {
        get { storage.fields.mappingVersion }
        set { storage.update { $0.mappingVersion = newValue } }
    }

    /// Per field, the digest of the value last written; tells which fields a
    /// changed object needs in its PATCH.
    public var fieldHashes: FieldHashes {
        get { storage.fields.fieldHashes }
        set { storage.update { $0.fieldHashes = newValue } }
    }

    /// False once the agent deactivated the target object.
    public var active: Bool {
        get { storage.fields.active }
        set { storage.update { $0.active = newValue } }
    }

    /// Case-folded userName and emails last written, to notice duplicates
    /// against objects an incremental read did not deliver.
    public var uniqueKeys: [String] {
        get { storage.fields.uniqueKeys }
        set { storage.update { $0.uniqueKeys = newValue } }
    }

    /// Set when the target answered 404 for the object (`target-missing`).
    public var missingInTarget: Bool {
        get { storage.fields.missingInTarget }
        set { storage.update { $0.missingInTarget = newValue } }
    }

    /// `PlanBuilder.settledDigest` of the source object as it was when
    /// `hash` was written (empty: unknown). While the object's digest
    /// stays this, it is unchanged and is not mapped again.
    public var sourceDigest: String {
        get { storage.fields.sourceDigest }
        set { storage.update { $0.sourceDigest = newValue } }
    }

    /// The userName (users) or displayName (groups) last written: how
    /// plans and reports name the object, also once it left the source.
    /// Empty for links written before names were kept.
    public var name: String {
        get { storage.fields.name }
        set { storage.update { $0.name = newValue } }
    }

    /// `name`, or for a user linked before names were kept, the userName
    /// its unique keys hold (case-folded); nil when neither is known.
    public var knownName: String? {
        if !name.isEmpty { return name }
        return uniqueKeys.first { $0.hasPrefix("u:") }.map { String($0.dropFirst(2)) }
    }

    public init(
        kind: ObjectKind, targetID: String, origin: Origin, hash: String = "", mappingVersion: String = "",
        fieldHashes: FieldHashes = [:], active: Bool = true, uniqueKeys: [String] = [], missingInTarget: Bool = false,
        sourceDigest: String = "", name: String = ""
    ) {
        storage = SharedFields(Fields(
            kind: kind, targetID: targetID, origin: origin, hash: hash, mappingVersion: mappingVersion,
            fieldHashes: fieldHashes, active: active, uniqueKeys: uniqueKeys, missingInTarget: missingInTarget,
            sourceDigest: sourceDigest, name: name))
    }

    private struct Fields: Sendable {
        var kind: ObjectKind
        var targetID: String
        var origin: Origin
        var hash: String
        var mappingVersion: String
        var fieldHashes: FieldHashes
        var active: Bool
        var uniqueKeys: [String]
        var missingInTarget: Bool
        var sourceDigest: String
        var name: String
    }
}

/// Equal when every field is; copies sharing one box are equal at once.
extension Link: Hashable {
    public static func == (lhs: Link, rhs: Link) -> Bool {
        if lhs.storage.isShared(with: rhs.storage) { return true }
        return lhs.kind == rhs.kind && lhs.targetID == rhs.targetID && lhs.origin == rhs.origin && lhs.hash == rhs.hash
            && lhs.mappingVersion == rhs.mappingVersion && lhs.fieldHashes == rhs.fieldHashes && lhs.active == rhs.active
            && lhs.uniqueKeys == rhs.uniqueKeys && lhs.missingInTarget == rhs.missingInTarget
            && lhs.sourceDigest == rhs.sourceDigest && lhs.name == rhs.name
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(targetID)
        hasher.combine(origin)
        hasher.combine(hash)
        hasher.combine(mappingVersion)
        hasher.combine(fieldHashes)
        hasher.combine(active)
        hasher.combine(uniqueKeys)
        hasher.combine(missingInTarget)
        hasher.combine(sourceDigest)
        hasher.combine(name)
    }
}

/// The JSON object of its fields, as before the box.
extension Link: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, targetID, origin, hash, mappingVersion, fieldHashes, active, uniqueKeys, missingInTarget, sourceDigest, name
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            kind: try container.decode(ObjectKind.self, forKey: .kind),
            targetID: try container.decode(String.self, forKey: .targetID),
            origin: try container.decode(Origin.self, forKey: .origin),
            hash: try container.decode(String.self, forKey: .hash),
            mappingVersion: try container.decode(String.self, forKey: .mappingVersion),
            fieldHashes: try container.decode(FieldHashes.self, forKey: .fieldHashes),
            active: try container.decode(Bool.self, forKey: .active),
            uniqueKeys: try container.decode([String].self, forKey: .uniqueKeys),
            missingInTarget: try container.decode(Bool.self, forKey: .missingInTarget),
            sourceDigest: try container.decode(String.self, forKey: .sourceDigest),
            // Absent in what was encoded before names were kept.
            name: try container.decodeIfPresent(String.self, forKey: .name) ?? "")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(targetID, forKey: .targetID)
        try container.encode(origin, forKey: .origin)
        try container.encode(hash, forKey: .hash)
        try container.encode(mappingVersion, forKey: .mappingVersion)
        try container.encode(fieldHashes, forKey: .fieldHashes)
        try container.encode(active, forKey: .active)
        try container.encode(uniqueKeys, forKey: .uniqueKeys)
        try container.encode(missingInTarget, forKey: .missingInTarget)
        try container.encode(sourceDigest, forKey: .sourceDigest)
        try container.encode(name, forKey: .name)
    }
}
