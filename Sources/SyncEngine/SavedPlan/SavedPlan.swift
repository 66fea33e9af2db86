public import Foundation

/// A plan saved by `dsync plan --out FILE`, applied later, exactly, by
/// `dsync sync --plan FILE` (docs/saved-plans.md). Besides the plan it
/// records, per object it touches, the hash of what the source asked for
/// (`sourceHash`) and the directory's `meta.version` at planning time
/// (`targetVersion`, objects the agent already links). At apply time an
/// object whose source hash differs, or whose directory object answers the
/// version with 412, is `plan-stale` and left out; the rest is applied.
public struct SavedPlan: Sendable, Hashable, Codable {
    /// The file's `format`: what it is.
    public static let formatName = "dsync-plan"
    /// The file's `formatVersion`: this agent writes and reads this one.
    public static let currentFormatVersion = 1

    public var format: String
    public var formatVersion: Int
    public var createdAt: Date
    /// The planning run (`dsync report RUN` shows it).
    public var runID: String
    /// The SCIM base URL the plan was made for (`target.url`).
    public var targetURL: String
    /// The data folder the plan was made from, and its `instance-id`.
    public var dataFolder: String
    public var instanceID: String
    /// One stamp per object the plan writes, by anchor.
    public var objects: [Stamp]
    public var plan: Plan

    /// What an object looked like on both sides when the plan was made.
    public struct Stamp: Sendable, Hashable, Codable {
        public var anchor: Anchor
        public var kind: ObjectKind
        /// SHA-256 of the object's planned actions, which carry the source's
        /// values (and their hash): another value, or no action at all when
        /// planned again, means the source changed.
        public var sourceHash: String
        /// The directory object's `meta.version` (its ETag), sent as
        /// `If-Match`; nil for an object the plan creates.
        public var targetVersion: String?

        public init(anchor: Anchor, kind: ObjectKind, sourceHash: String, targetVersion: String?) {
            self.anchor = anchor
            self.kind = kind
            self.sourceHash = sourceHash
            self.targetVersion = targetVersion
        }
    }

    public init(
        plan: Plan, runID: String, createdAt: Date, targetURL: String, dataFolder: String, instanceID: String,
        targetVersions: [Anchor: String]
    ) {
        format = Self.formatName
        formatVersion = Self.currentFormatVersion
        self.createdAt = createdAt
        self.runID = runID
        self.targetURL = targetURL
        self.dataFolder = dataFolder
        self.instanceID = instanceID
        self.plan = plan
        let hashes = Self.sourceHashes(plan)
        let kinds = Dictionary(plan.actions.map { ($0.anchor, $0.objectKind) }, uniquingKeysWith: { first, _ in first })
        objects = hashes.keys.sorted().map { anchor in
            Stamp(anchor: anchor, kind: kinds[anchor] ?? .user, sourceHash: hashes[anchor] ?? "", targetVersion: targetVersions[anchor])
        }
    }

    /// Per object, the hash of its actions in `plan`, in plan order.
    public static func sourceHashes(_ plan: Plan) -> [Anchor: String] {
        var actions: [Anchor: [PlannedAction]] = [:]
        for action in plan.actions { actions[action.anchor, default: []].append(action) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return actions.mapValues { list in
            ContentHash.hex(of: Array((try? encoder.encode(list)) ?? Data()))
        }
    }
}

extension PlannedAction {
    /// The kind of the object the action is about (a group, for members).
    public var objectKind: ObjectKind {
        switch self {
        case .create(let kind, _, _, _), .link(let kind, _, _, _, _), .update(let kind, _, _, _, _, _), .delete(let kind, _, _): kind
        case .deactivate: .user
        case .addMembers, .removeMembers: .group
        case .unlink: .user
        }
    }
}
