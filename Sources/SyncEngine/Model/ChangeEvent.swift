/// What a source yields. Full reads produce upserts and then
/// `snapshotComplete`; incremental reads (DirSync, RFC 4533) produce upserts,
/// deletes and member deltas without it. Only after `snapshotComplete` does
/// the absence of an object mean anything.
public enum ChangeEvent: Sendable, Hashable, Codable {
    /// The object as it is now.
    case upsert(SourceObject)
    /// The source reports the object deleted (a tombstone, an RFC 4533
    /// delete, a DirSync `isDeleted`).
    case delete(Anchor)
    /// Members added to and removed from a group, by anchor; what AD's
    /// DirSync reports for a large group instead of the whole `member` list.
    case memberDelta(group: Anchor, added: [Anchor], removed: [Anchor])
    /// Every object in scope has been upserted: whatever is linked but was
    /// not seen has left the scope.
    case snapshotComplete
    /// The read failed or was cut short; the run may create and update but
    /// neither deletes nor deactivates.
    case readIncomplete(SourceReadProblem)
    /// The attribute names a source has (an LDAP server's schema, a CSV
    /// file's header): a mapping that reads another is `field-unknown`.
    case attributes(SourceAttributeNames)
}

/// The attribute names one source has, per kind of object, lowercased.
public struct SourceAttributeNames: Sendable, Hashable, Codable {
    /// The configured source's name.
    public var source: String
    /// Where the names come from, for the condition's detail ("its schema").
    public var origin: String
    public var users: Set<String>
    public var groups: Set<String>
    /// The source's default mapping: a field it maps by default is not
    /// checked (a CSV file need not have every column the defaults read),
    /// unless it writes userName or emails, which no user does without.
    public var defaults: MappingConfiguration?

    public init(source: String, origin: String, users: Set<String>, groups: Set<String>, defaults: MappingConfiguration? = nil) {
        self.source = source
        self.origin = origin
        self.users = Set(users.map { $0.lowercased() })
        self.groups = Set(groups.map { $0.lowercased() })
        self.defaults = defaults
    }
}

/// Why a read cannot be trusted to be complete.
public struct SourceReadProblem: Sendable, Hashable, Codable {
    /// `ldap-size-limit` for LDAP result 4 (RFC 4511 §4.1.9
    /// sizeLimitExceeded), `source-read-incomplete` for the rest (a base DN
    /// answered noSuchObject, an RFC 4533 e-syncRefreshRequired).
    public var code: ConditionCode
    public var baseDN: String?
    /// The one object the problem is about (a CSV row that cannot be read,
    /// `source-row-invalid`). That object is held: neither written nor
    /// removed, keeping its memberships, while the rest of the read stands
    /// complete. Without an anchor, the whole read is incomplete.
    public var anchor: Anchor?
    public var detail: String

    public init(code: ConditionCode = .sourceReadIncomplete, baseDN: String? = nil, anchor: Anchor? = nil, detail: String) {
        self.code = code
        self.baseDN = baseDN
        self.anchor = anchor
        self.detail = detail
    }
}
