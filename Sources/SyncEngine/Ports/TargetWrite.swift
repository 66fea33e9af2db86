public import SCIM

/// One write of a batch sent with `Target.bulk` (RFC 7644 §3.7): the same
/// writes as the port's single-request methods.
public enum TargetWrite: Sendable, Hashable {
    /// `members`: a group's first members, by target id (`Target.create`).
    case create(ObjectKind, externalID: String, fields: [String: JSON], members: [String] = [])
    case update(ObjectKind, id: String, set: [String: JSON], remove: [String])
    case deactivate(userID: String)
    case delete(ObjectKind, id: String)
    case changeMembers(groupID: String, add: [String], remove: [String])
    /// The write, only if the object is still at `version` (`If-Match`,
    /// RFC 7644 §3.14; a Bulk operation's `version`, §3.7): a saved plan's
    /// writes. A changed object answers `plan-stale`.
    indirect case ifMatch(version: String, TargetWrite)
}

/// What became of one write of a batch: the object (for a create, its new
/// id), or why the target refused it.
public typealias TargetWriteResult = Result<TargetObject?, TargetError>
