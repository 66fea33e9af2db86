/// Objects the agent tracks that left the scope or were deleted in the
/// source. Only linked objects are ever removed: an object the agent neither
/// created nor linked has no link and is never touched.
extension PlanBuilder {
    enum Departure: String {
        case leftScope = "left the synced scope"
        case deleted = "was deleted in the source"
    }

    mutating func planRemovals() {
        // In any order: `finish` sorts the actions.
        for (anchor, link) in state.links where !inScope.contains(anchor) {
            let departure: Departure
            if read.held.contains(anchor) {
                // Its row could not be read: kept as it is, memberships too.
                if !link.missingInTarget { present.insert(anchor) }
                continue
            } else if read.deleted.contains(anchor) {
                departure = .deleted
            } else if read.objects[anchor] != nil || read.snapshotComplete {
                // Excluded by a rule, or absent from a complete read. Absence
                // cannot tell a move from a deletion, so it is the milder one.
                departure = .leftScope
            } else {
                // An incremental read that did not mention it: unchanged.
                if !link.missingInTarget { present.insert(anchor) }
                continue
            }
            if link.missingInTarget {
                if settings.policies.targetMissing == .forget { plan.actions.append(.unlink(anchor)) }
                continue
            }
            switch policy(for: link.kind, departure) {
            case .nothing:
                continue
            case .deactivate:
                if link.active { plan.actions.append(.deactivate(anchor, targetID: link.targetID)) }
            case .delete:
                plan.actions.append(.delete(link.kind, anchor, targetID: link.targetID))
            }
        }
    }

    func policy(for kind: ObjectKind, _ departure: Departure) -> RemovalPolicy {
        let policies = settings.policies
        switch (kind, departure) {
        case (.user, .leftScope): return policies.userLeftScope
        case (.user, .deleted): return policies.userDeleted
        case (.group, .leftScope): return policies.groupLeftScope == .deactivate ? .nothing : policies.groupLeftScope
        case (.group, .deleted): return policies.groupDeleted == .deactivate ? .nothing : policies.groupDeleted
        }
    }

    /// After a read that failed or looks wrong, the plan keeps its creates,
    /// updates and member additions and drops everything that would delete,
    /// deactivate or remove a member.
    mutating func suppressRemovalsIfIncomplete() {
        guard !removalsAllowed else { return }
        let before = plan.actions.count
        plan.actions.removeAll { action in
            if action.isRemoval { return true }
            if case .removeMembers = action { return true }
            return false
        }
        plan.suppressedRemovals = before - plan.actions.count
    }
}
