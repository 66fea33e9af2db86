/// A group created in the run takes its first members with its create
/// (RFC 7643 §4.2 `members` in the POST body), when the target writes them
/// with the group or refuses the create (`groupCreatesWithMembers`): a
/// group of a few dozen members costs one write, not a create and a PATCH.
///
/// The create carries, in the order the plan lists them, the members of the
/// plan's member addition that are linked by then, at most
/// `maximumMembersPerPatch`; they are recorded as written with the group's
/// link (one transaction). The member addition later sends the rest: the
/// members after those the create looked at, and the ones it passed over
/// for having no link yet (a member created in a later window, or whose
/// create failed: still waiting if it has none by then). Its result counts
/// the carried members as written.
///
/// A create refused with 400 (a member the target does not take) is sent
/// again without members; the member addition then sends them all by
/// PATCH, where a refused member fails alone. A crash before the create's
/// outcome is recorded leaves its intent: `reconcile` links the group by
/// `externalId`, no member is recorded, and the next run adds them all
/// again, which changes nothing for those already there (RFC 7644
/// §3.5.2.1: adding a value already present succeeds without change).
extension Executor.Run {
    /// What a group's create took of its member addition.
    struct CarriedMembers: Sendable {
        /// Members written with the create.
        var count: Int
        /// How many of the member addition's members the create looked at.
        var consumed: Int
        /// Members among those it passed over, having no link then.
        var skipped: [Anchor]
    }

    /// The members a create will carry: their target ids, with what
    /// `CarriedMembers` keeps.
    struct Carrying: Sendable {
        var ids: [(anchor: Anchor, id: String)]
        var consumed: Int
        var skipped: [Anchor]
    }

    /// Per group the plan creates, its member addition's members: only when
    /// the target takes members with a create.
    static func memberAdditions(ofCreatedGroups actions: [PlannedAction]) -> [Anchor: [Anchor]] {
        var created: Set<Anchor> = []
        for case .create(.group, let anchor, _, _) in actions { created.insert(anchor) }
        guard !created.isEmpty else { return [:] }
        var additions: [Anchor: [Anchor]] = [:]
        for case .addMembers(let group, let members) in actions where created.contains(group) && !members.isEmpty {
            additions[group] = members
        }
        return additions
    }

    /// The members a group's create carries; nil when it carries none.
    func carrying(_ kind: ObjectKind, _ anchor: Anchor) -> Carrying? {
        guard kind == .group, let members = memberAdditions[anchor] else { return nil }
        let first = links.firstTargets(of: members, limit: max(capabilities.maximumMembersPerPatch, 1))
        guard !first.ids.isEmpty else { return nil }
        return Carrying(ids: first.ids, consumed: first.consumed, skipped: first.skipped)
    }

    /// A create that carried members succeeded: they are written.
    func recordCarried(_ group: Anchor, _ carrying: Carrying, into outcome: inout Executor.Outcome) {
        outcome.batch.membersAdded[group] = Set(carrying.ids.map(\.anchor))
        outcome.carried.append((group, CarriedMembers(count: carrying.ids.count, consumed: carrying.consumed, skipped: carrying.skipped)))
    }

    /// The target ids of the members a change still has to send (for an
    /// addition, those its group's create did not carry), the others
    /// counted as waiting; `carried`: how many the create wrote.
    func memberTargets(_ group: Anchor, _ members: [Anchor], adding: Bool) -> (ids: [(anchor: Anchor, id: String)], waiting: Int, carried: Int) {
        guard adding, let carried = carriedMembers[group] else {
            let (ids, waiting) = links.targets(of: members)
            return (ids, waiting, 0)
        }
        let rest = carried.skipped + members[min(carried.consumed, members.count)...]
        let (ids, waiting) = links.targets(of: rest)
        return (ids, waiting, carried.count)
    }
}
