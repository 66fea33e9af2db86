/// Group memberships, by anchor. Only members the agent wrote are ever
/// removed, so on a pre-existing group it linked, members added by hand in
/// the target stay.
extension PlanBuilder {
    mutating func planMembers() {
        var groups: Set<Anchor> = []
        for (anchor, object) in read.objects where object.kind == .group { groups.insert(anchor) }
        groups.formUnion(read.memberDeltas.keys)
        for group in groups.sorted() where present.contains(group) && kind(of: group) == .group {
            planMembers(of: group)
        }
    }

    /// Most groups of most runs: every requested member present (and, when
    /// flattening, a user) and written, and nothing else written. Checked
    /// with a lookup or two per member, where the full comparison below
    /// builds and subtracts sets.
    func isUnchanged(_ requested: [Anchor], written: Set<Anchor>) -> Bool {
        guard requested.count == written.count else { return false }
        let flattening = settings.policies.nesting == .flatten
        for member in requested {
            guard written.contains(member), present.contains(member) else { return false }
            if flattening, kind(of: member) == .group { return false }
        }
        return true
    }

    func kind(of anchor: Anchor) -> ObjectKind? {
        read.objects[anchor]?.kind ?? state.links[anchor]?.kind
    }

    mutating func planMembers(of group: Anchor) {
        let written = state.membersWritten[group] ?? []
        var requested: [Anchor]
        var outOfScope = 0
        if let object = read.objects[group] {
            requested = object.members
            outOfScope += object.unresolvedMembers.count
        } else if let delta = read.memberDeltas[group] {
            requested = Array(written.union(delta.added).subtracting(delta.removed)).sorted()
        } else {
            return
        }
        if outOfScope == 0, isUnchanged(requested, written: written) { return }
        // The desired members in anchor order, each once: sorted and
        // deduplicated as an array (a group's 50,000 members went through a
        // set, a set difference and a sort of its result).
        var desired: [Anchor] = []
        desired.reserveCapacity(requested.count)
        var pending = 0
        var visited: Set<Anchor> = [group]
        var queue = requested
        while let member = queue.popLast() {
            if member == group { continue }
            if present.contains(member) {
                if settings.policies.nesting == .flatten && kind(of: member) == .group {
                    // Flattening walks nested groups once each, so a cycle
                    // (Active Directory allows them) ends.
                    if visited.insert(member).inserted { queue += read.objects[member]?.members ?? [] }
                } else {
                    desired.append(member)
                }
            } else if inScope.contains(member) {
                pending += 1  // in scope but not written (invalid, duplicate, disabled)
            } else {
                outOfScope += 1
            }
        }
        desired.sort()
        desired = desired.enumerated().compactMap { index, member in index > 0 && desired[index - 1] == member ? nil : member }
        if outOfScope > 0 { plan.membersOutOfScope[group] = outOfScope }
        if pending > 0 { plan.membersPending[group] = pending }
        let added = written.isEmpty ? desired : desired.filter { !written.contains($0) }
        // A held member (its row could not be read) keeps its memberships.
        var removed: [Anchor] = []
        if !written.isEmpty {
            let kept = Set(desired)
            removed = written.filter { !kept.contains($0) && !read.held.contains($0) }.sorted()
        }
        if !added.isEmpty { plan.actions.append(.addMembers(group: group, members: added)) }
        if !removed.isEmpty { plan.actions.append(.removeMembers(group: group, members: removed)) }
    }
}
