public import SCIM

/// Where people go: a SCIM service provider (`directoryd` or another). The
/// executor applies a plan through this port; `Connectors` implements it
/// over `SCIMClient`.
public protocol Target: Sendable {
    /// What the target supports and allows, read once per run
    /// (`/ServiceProviderConfig`, `/Schemas`, overridden by configuration).
    func capabilities() async throws -> TargetCapabilities
    /// The target's rules (field rules, the fields it has, the verified
    /// domains), read once per run. A target that cannot tell answers
    /// `TargetSchema.standard` (nothing beyond SCIM's own rules, every
    /// mapped field written unchecked).
    func schema() async throws -> TargetSchema
    /// The target's users and groups, read whole once per run when matching
    /// by `userName` or `email`. A target that cannot list answers an empty
    /// directory (new objects are created; "already exists" still links).
    func directory() async throws -> TargetDirectory

    /// Creates the object with the anchor as its `externalId`; a group
    /// with `members` (target ids, RFC 7643 §4.2), all or nothing: only
    /// when `capabilities.groupCreatesWithMembers` says the target takes
    /// them, at most `maximumMembersPerPatch`.
    func create(_ kind: ObjectKind, externalID: String, fields: [String: JSON], members: [String]) async throws -> TargetObject
    /// Sets and removes fields (a minimal PATCH, RFC 7644 §3.5.2).
    /// `version` (a saved plan's `meta.version`) makes the write
    /// conditional (`If-Match`, RFC 7644 §3.14): an object changed since
    /// answers `plan-stale`. `nil` writes unconditionally, as the overloads
    /// without it do (`Target+Versions.swift`).
    func update(_ kind: ObjectKind, id: String, set: [String: JSON], remove: [String], version: String?) async throws
    func deactivate(userID: String, version: String?) async throws
    func delete(_ kind: ObjectKind, id: String, version: String?) async throws
    /// Adds and removes direct members of a group (`members` values are
    /// target ids), split to the target's limit by the caller.
    func changeMembers(groupID: String, add: [String], remove: [String], version: String?) async throws
    /// The object holding `key`, for matching and for recovering after a
    /// create that may have been sent before a crash.
    func find(_ kind: ObjectKind, by key: TargetKey) async throws -> TargetObject?
    /// Sends `writes` in one request (RFC 7644 §3.7 Bulk), or several when
    /// they exceed `capabilities`' payload limit; called only when
    /// `capabilities.bulk` is true, with at most `bulkMaximumOperations`
    /// writes. One result per write, in order; a thrown error means the
    /// request as a whole failed.
    func bulk(_ writes: [TargetWrite], within capabilities: TargetCapabilities) async throws -> [TargetWriteResult]
}

/// How an existing target object is looked up.
public enum TargetKey: Sendable, Hashable {
    /// The target's own id: a read of the object (RFC 7644 §3.4.1), nil
    /// when the target answers 404.
    case id(String)
    case externalID(String)
    case userName(String)
    case email(String)
    case displayName(String)
}

/// An object as the target holds it.
public struct TargetObject: Sendable, Hashable {
    public var id: String
    public var version: String?
    /// A directory role (owner, admin) the target exposes: such an account
    /// is never linked automatically (`link-refused-privileged`).
    public var isPrivileged: Bool?

    public init(id: String, version: String? = nil, isPrivileged: Bool? = nil) {
        self.id = id
        self.version = version
        self.isPrivileged = isPrivileged
    }
}

/// Limits and features of a target.
public struct TargetCapabilities: Sendable, Hashable {
    public var bulk: Bool
    public var bulkMaximumOperations: Int
    /// The largest Bulk request body, in bytes (`maxPayloadSize`).
    public var bulkMaximumPayloadBytes: Int
    /// Member changes one PATCH may carry (AWS IAM Identity Center: 100).
    public var maximumMembersPerPatch: Int
    public var pageSize: Int
    public var nestedGroups: Bool
    /// Whether the target shows directory roles, so privileged accounts can
    /// be recognised before linking.
    public var exposesRoles: Bool
    /// Whether a group's create may carry its first members (RFC 7643
    /// §4.2 `members` in the POST body), written with the group or the
    /// create refused. Only for a target known to do so (directoryd): a
    /// provider that dropped them silently would leave members the agent
    /// records as written out of the group for good.
    public var groupCreatesWithMembers: Bool

    public init(
        bulk: Bool = false, bulkMaximumOperations: Int = 0, bulkMaximumPayloadBytes: Int = 1 << 20, maximumMembersPerPatch: Int = 100, pageSize: Int = 100,
        nestedGroups: Bool = true, exposesRoles: Bool = false, groupCreatesWithMembers: Bool = false
    ) {
        self.bulk = bulk
        self.bulkMaximumOperations = bulkMaximumOperations
        self.bulkMaximumPayloadBytes = bulkMaximumPayloadBytes
        self.maximumMembersPerPatch = maximumMembersPerPatch
        self.pageSize = pageSize
        self.nestedGroups = nestedGroups
        self.exposesRoles = exposesRoles
        self.groupCreatesWithMembers = groupCreatesWithMembers
    }
}

extension Target {
    /// Creates the object without members.
    public func create(_ kind: ObjectKind, externalID: String, fields: [String: JSON]) async throws -> TargetObject {
        try await create(kind, externalID: externalID, fields: fields, members: [])
    }
}
