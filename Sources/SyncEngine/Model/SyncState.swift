/// The agent's memory of what it wrote, as the planner needs it. The
/// `AgentStore` keeps it in SQLite; the planner only reads it.
public struct SyncState: Sendable, Hashable, Codable {
    /// Anchor → target object, for every object the agent created or linked.
    public var links: [Anchor: Link]
    /// Per group anchor, the members the agent itself added. Only these are
    /// ever removed, so members added by hand to a linked group stay.
    public var membersWritten: [Anchor: Set<Anchor>]
    /// Objects per base DN at the last complete read, to notice a read that
    /// suddenly returns nothing or far fewer.
    public var baseDNCounts: [String: Int]

    public init(links: [Anchor: Link] = [:], membersWritten: [Anchor: Set<Anchor>] = [:], baseDNCounts: [String: Int] = [:]) {
        self.links = links
        self.membersWritten = membersWritten
        self.baseDNCounts = baseDNCounts
    }
}

/// The stored pair anchor → target object, with what was last written.
public struct Link: Sendable, Hashable, Codable {
    /// Whether the agent made the target object or found it there. Both may
    /// be deactivated and deleted by policy (the administrator chose to sync
    /// it); a pre-existing group only loses the members the agent added.
    public enum Origin: String, Sendable, Hashable, Codable {
        case created
        case linked
    }

    public var kind: ObjectKind
    public var targetID: String
    public var origin: Origin
    /// `ObjectHash` of what was last written, mapping version included.
    public var hash: String
    public var mappingVersion: String
    /// Per field, the digest of the value last written; tells which fields a
    /// changed object needs in its PATCH.
    public var fieldHashes: FieldHashes
    /// False once the agent deactivated the target object.
    public var active: Bool
    /// Case-folded userName and emails last written, to notice duplicates
    /// against objects an incremental read did not deliver.
    public var uniqueKeys: [String]
    /// Set when the target answered 404 for the object (`target-missing`).
    public var missingInTarget: Bool
    /// `PlanBuilder.settledDigest` of the source object as it was when
    /// `hash` was written (empty: unknown). While the object's digest
    /// stays this, it is unchanged and is not mapped again.
    public var sourceDigest: String

    public init(
        kind: ObjectKind, targetID: String, origin: Origin, hash: String = "", mappingVersion: String = "",
        fieldHashes: FieldHashes = [:], active: Bool = true, uniqueKeys: [String] = [], missingInTarget: Bool = false,
        sourceDigest: String = ""
    ) {
        self.kind = kind
        self.targetID = targetID
        self.origin = origin
        self.hash = hash
        self.mappingVersion = mappingVersion
        self.fieldHashes = fieldHashes
        self.active = active
        self.uniqueKeys = uniqueKeys
        self.missingInTarget = missingInTarget
        self.sourceDigest = sourceDigest
    }
}
