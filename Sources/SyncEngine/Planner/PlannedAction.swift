/// One thing a run would do to the target. Actions name source objects by
/// anchor; the executor finds target ids through the links (for objects
/// created earlier in the same plan, after their create).
public enum PlannedAction: Sendable, Hashable, Codable {
    /// POST a new object; `hash` is stored with the link when it succeeds.
    case create(ObjectKind, Anchor, fields: [FieldAssignment], hash: String)
    /// Link the source object to an existing target object, then write the
    /// fields (a PATCH of everything mapped).
    case link(ObjectKind, Anchor, targetID: String, fields: [FieldAssignment], hash: String)
    /// PATCH only what changed: fields to set and fields to remove.
    case update(ObjectKind, Anchor, targetID: String, set: [FieldAssignment], remove: [String], hash: String)
    /// Set `active` to false (users).
    case deactivate(Anchor, targetID: String)
    case delete(ObjectKind, Anchor, targetID: String)
    /// Stop tracking a link (`targetMissing: forget`); writes nothing.
    case unlink(Anchor)
    /// PATCH `add` of group members (RFC 7644 §3.5.2.1), by member anchor.
    case addMembers(group: Anchor, members: [Anchor])
    /// PATCH `remove` of group members (RFC 7644 §3.5.2.2), by member anchor.
    case removeMembers(group: Anchor, members: [Anchor])

    /// The source object the action is about (the group, for members).
    public var anchor: Anchor {
        switch self {
        case .create(_, let anchor, _, _), .link(_, let anchor, _, _, _), .update(_, let anchor, _, _, _, _),
            .deactivate(let anchor, _), .delete(_, let anchor, _), .unlink(let anchor),
            .addMembers(let anchor, _), .removeMembers(let anchor, _):
            anchor
        }
    }

    /// The action without the values it writes (fields, members): what it
    /// is and whom it is about, for a run's summary once it was written.
    public var withoutValues: PlannedAction {
        switch self {
        case .create(let kind, let anchor, _, let hash): .create(kind, anchor, fields: [], hash: hash)
        case .link(let kind, let anchor, let id, _, let hash): .link(kind, anchor, targetID: id, fields: [], hash: hash)
        case .update(let kind, let anchor, let id, _, _, let hash): .update(kind, anchor, targetID: id, set: [], remove: [], hash: hash)
        case .addMembers(let group, _): .addMembers(group: group, members: [])
        case .removeMembers(let group, _): .removeMembers(group: group, members: [])
        case .deactivate, .delete, .unlink: self
        }
    }

    /// Deactivations and deletions: what deletion safety counts and an
    /// incomplete read never produces.
    public var isRemoval: Bool {
        switch self {
        case .deactivate, .delete: true
        default: false
        }
    }

    /// Member changes of a group, which leave its own fields alone.
    public var isMemberAction: Bool {
        switch self {
        case .addMembers, .removeMembers: true
        default: false
        }
    }

    /// The order actions run in: objects exist before they are members or
    /// managers, members are removed before objects are deactivated or deleted.
    var phase: Int {
        switch self {
        case .create(.user, _, _, _), .link(.user, _, _, _, _): 0
        case .create, .link: 1
        case .update: 2
        case .addMembers: 3
        case .removeMembers: 4
        case .deactivate: 5
        case .delete(.group, _, _): 6
        case .delete: 7
        case .unlink: 8
        }
    }
}
