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
        recordMembers(group, adding: adding, written: written, refused: refused, waiting: waiting, carried: carried, into: &outcome)
    }

    /// `carried`: members the group's create wrote, counted as written.
    func recordMembers(
        _ group: Anchor, adding: Bool, written: Set<Anchor>, refused: [(Anchor, TargetError)], waiting: Int, carried: Int = 0,
        into outcome: inout Executor.Outcome
    ) {
        let action: ActionName = adding ? .addMembers : .removeMembers
        if adding { outcome.batch.membersAdded[group] = written } else { outcome.batch.membersRemoved[group] = written }
        for (member, error) in refused {
            outcome.batch.fail(group, .group, action, error, value: member.rawValue)
            if error.attribute == nil { outcome.batch.results[outcome.batch.results.count - 1].attribute = "members" }
        }
        if refused.isEmpty {
            let detail = waiting > 0 ? "\(written.count + carried) members; \(waiting) wait for their object to be written" : nil
            outcome.batch.done(group, .group, action, detail: detail)
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
