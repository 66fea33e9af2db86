extension Executor.Run {
    /// Adds or removes members as PATCHes of the changed members only, at
    /// most the target's limit per request. A 400 splits the request in
    /// halves until the one member the target refuses stands alone, so it
    /// cannot fail its neighbours. A member with no link (its create failed)
    /// is left out until it exists.
    func changeMembers(_ group: Anchor, _ members: [Anchor], adding: Bool, into outcome: inout Executor.Outcome) async throws {
        let action: ActionName = adding ? .addMembers : .removeMembers
        guard let groupLink = links[group], !groupLink.missingInTarget else {
            outcome.batch.results.append(ObjectResult(
                anchor: group, kind: .group, action: action, detail: "the group is not in the target; its members wait", failed: true))
            outcome.batch.retry[group] = .group
            return
        }
        let (ids, waiting, carried) = memberTargets(group, members, adding: adding)
        let limit = max(capabilities.maximumMembersPerPatch, 1)
        var written: Set<Anchor> = []
        var refused: [(Anchor, TargetError)] = []
        var start = 0
        do {
            while start < ids.count {
                let chunk = Array(ids[start..<min(start + limit, ids.count)])
                // A saved plan's version goes with the first write only: the
                // later ones follow the agent's own.
                let version = start == 0 ? versions[group] : nil
                start += chunk.count
                try await send(chunk, to: groupLink.targetID, adding: adding, version: version, written: &written, refused: &refused)
            }
        } catch let error as TargetError where error.code == .targetMissing {
            try await onTracked(.group, group, action, into: &outcome) { _ in throw error }
            return
        }
        await recordMembers(group, adding: adding, written: written, refused: refused, waiting: waiting, carried: carried, into: &outcome)
    }

    /// `carried`: members the group's create wrote, counted as written. A
    /// member refused alone that the target no longer has is the member's
    /// `target-missing` (`missingMembers`), not the group's failure: it
    /// waits, like a member whose create failed.
    func recordMembers(
        _ group: Anchor, adding: Bool, written: Set<Anchor>, refused: [(Anchor, TargetError)], waiting: Int, carried: Int = 0,
        into outcome: inout Executor.Outcome
    ) async {
        let action: ActionName = adding ? .addMembers : .removeMembers
        if adding { outcome.batch.membersAdded[group] = written } else { outcome.batch.membersRemoved[group] = written }
        let missing = adding ? await missingMembers(refused, group: group, into: &outcome) : []
        let refused = refused.filter { !missing.contains($0.0) }
        for (member, error) in refused {
            // The member by name, with its anchor: the anchor alone says nothing.
            let value = links[member]?.knownName.map { "\($0) (\(member.rawValue))" } ?? member.rawValue
            outcome.batch.fail(group, .group, action, error, value: value)
            if error.attribute == nil { outcome.batch.results[outcome.batch.results.count - 1].attribute = "members" }
        }
        if refused.isEmpty {
            let waiting = waiting + missing.count
            let detail = waiting > 0 ? "\(written.count + carried) members; \(waiting) wait for their object to be written" : nil
            outcome.batch.done(group, .group, action, detail: detail)
        }
    }

    /// Of the members refused alone with a 400, those the agent created
    /// that the target no longer has (a read of the member's id answered
    /// 404): deleted by hand. Each is handled as a 404 on a write to it
    /// would be (`targetMissing`: re-created by the next run, or no longer
    /// tracked). Without this, the group would fail on that member at every
    /// run. Members it linked are left alone: the agent did not make them.
    func missingMembers(_ refused: [(Anchor, TargetError)], group: Anchor, into outcome: inout Executor.Outcome) async -> Set<Anchor> {
        var missing: Set<Anchor> = []
        for (member, error) in refused where error.code == .badRequest || error.status == 400 {
            guard let link = links[member], link.origin == .created, await isGone(link) else { continue }
            missing.insert(member)
            let groupName = links[group]?.knownName ?? group.rawValue
            let detail = "the \(link.kind) \(link.targetID) is no longer in the target (deleted there?); found adding it to the group \(groupName)"
            switch executor.settings.targetMissing {
            case .recreate:
                var marked = link
                marked.missingInTarget = true
                outcome.batch.links[member] = marked
                outcome.batch.fail(member, link.kind, .addMembers, TargetError(
                    code: .targetMissing, status: error.status, requestID: error.requestID, detail: detail + "; it is created again next run"))
            case .forget:
                outcome.batch.unlinked.insert(member)
                outcome.batch.results.append(ObjectResult(
                    anchor: member, kind: link.kind, action: .addMembers, code: .targetMissing, requestID: error.requestID,
                    detail: detail + "; no longer tracked (policy: forget)"))
            }
        }
        return missing
    }

    /// Whether the target answers 404 for the linked object's id (a read
    /// that fails otherwise says nothing).
    private func isGone(_ link: Link) async -> Bool {
        do {
            return try await executor.target.find(link.kind, by: .id(link.targetID)) == nil
        } catch {
            return false
        }
    }

    func send(
        _ chunk: [(anchor: Anchor, id: String)], to groupID: String, adding: Bool, version: String? = nil, written: inout Set<Anchor>,
        refused: inout [(Anchor, TargetError)]
    ) async throws {
        guard !chunk.isEmpty else { return }
        do {
            let ids = chunk.map { $0.id }
            try await executor.target.changeMembers(groupID: groupID, add: adding ? ids : [], remove: adding ? [] : ids, version: version)
            written.formUnion(chunk.map { $0.anchor })
        } catch let error as TargetError where error.code == .badRequest || error.status == 400 {
            guard chunk.count > 1 else {
                refused.append((chunk[0].anchor, error))
                return
            }
            let middle = chunk.count / 2
            // A refused PATCH changed nothing: the version still holds for the first half.
            try await send(Array(chunk[..<middle]), to: groupID, adding: adding, version: version, written: &written, refused: &refused)
            try await send(Array(chunk[middle...]), to: groupID, adding: adding, written: &written, refused: &refused)
        } catch let error as TargetError where error.code != .targetMissing && error.code != .accessLost {
            for member in chunk { refused.append((member.anchor, error)) }
        }
    }
}
