/// Where people come from (LDAP, Active Directory, LDIF, later CSV): the
/// planner sees only the change events a source yields.
public protocol Source: Sendable {
    /// The configured source's name (`sources[].name`).
    var name: String { get }

    /// Reads the source. A full read yields an upsert per object in scope
    /// and ends with `snapshotComplete`; a read that failed or looks wrong
    /// yields `readIncomplete` instead of completing, so nothing is removed.
    /// `watermark` is what the previous read returned (incremental sources).
    func read(after watermark: String?) async throws -> SourceReadResult
}

/// What one read produced.
public struct SourceReadResult: Sendable {
    public var events: [ChangeEvent]
    /// To store once every change before it is written or queued.
    public var watermark: String?
    /// Objects per base DN, for `dsync check` and the drop check.
    public var counts: [String: SourceCount]

    public init(events: [ChangeEvent], watermark: String? = nil, counts: [String: SourceCount] = [:]) {
        self.events = events
        self.watermark = watermark
        self.counts = counts
    }
}

public struct SourceCount: Sendable, Hashable, Codable {
    public var users: Int
    public var groups: Int

    public init(users: Int = 0, groups: Int = 0) {
        self.users = users
        self.groups = groups
    }
}
