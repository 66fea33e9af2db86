extension Executor.Run {
    /// Whether windows go to the target as Bulk requests (RFC 7644 §3.7).
    var usesBulk: Bool { capabilities.bulk && operationsPerBulk > 1 }

    /// Writes per Bulk request: the target's limit, at most the setting.
    var operationsPerBulk: Int { min(capabilities.bulkMaximumOperations, executor.settings.bulkOperations) }

    /// The window's actions, as Bulk requests of `operationsPerBulk` writes
    /// where they can go in one, the rest one by one. An operation refused
    /// inside a Bulk request is handled as the same refusal of a single
    /// request: "already exists" looks the object up and links it, a 404 on
    /// a tracked object follows the target-missing policy, a refused member
    /// change is split in halves, a 429 or 5xx is sent again on its own
    /// (with the client's back-off).
    func bulkJobs(_ window: [PlannedAction]) -> [@Sendable () async -> [(Int, Executor.Outcome)]] {
        var writes: [(index: Int, write: TargetWrite)] = []
        var jobs: [@Sendable () async -> [(Int, Executor.Outcome)]] = []
        for (index, action) in window.enumerated() {
            if let write = bulkWrite(action) {
                writes.append((index, write))
            } else {
                jobs.append { [self] in [(index, await perform(action))] }
            }
        }
        var start = 0
        while start < writes.count {
            let chunk = Array(writes[start..<min(start + operationsPerBulk, writes.count)])
            start += chunk.count
            jobs.append { [self] in await sendBulk(chunk.map { ($0.index, window[$0.index], $0.write) }) }
        }
        return jobs
    }

    /// The single write an action makes, when it makes exactly one.
    func bulkWrite(_ action: PlannedAction) -> TargetWrite? {
        switch action {
        case .create(let kind, let anchor, let fields, _):
            return .create(kind, externalID: anchor.rawValue, fields: resolve(fields).values)
        case .link(let kind, _, let id, let fields, _):
            return .update(kind, id: id, set: resolve(fields).values, remove: [])
        case .update(let kind, _, let id, let set, let remove, _):
            return .update(kind, id: id, set: resolve(set).values, remove: remove)
        case .deactivate(_, let id):
            return .deactivate(userID: id)
        case .delete(let kind, _, let id):
            return .delete(kind, id: id)
        case .unlink:
            return nil
        case .addMembers(let group, let members), .removeMembers(let group, let members):
            guard let groupLink = links[group], !groupLink.missingInTarget else { return nil }
            let ids = memberTargets(members).ids.map(\.id)
            guard !ids.isEmpty, ids.count <= max(capabilities.maximumMembersPerPatch, 1) else { return nil }
            if case .addMembers = action { return .changeMembers(groupID: groupLink.targetID, add: ids, remove: []) }
            return .changeMembers(groupID: groupLink.targetID, add: [], remove: ids)
        }
    }

    private func sendBulk(_ items: [(index: Int, action: PlannedAction, write: TargetWrite)]) async -> [(Int, Executor.Outcome)] {
        let results: [TargetWriteResult]
        do {
            results = try await executor.target.bulk(items.map(\.write), within: capabilities)
        } catch let error as TargetError where error.code == .accessLost {
            return items.map { item in
                var outcome = Executor.Outcome()
                outcome.stop = error
                outcome.batch.fail(item.action.anchor, item.action.kind, item.action.name, error)
                return (item.index, outcome)
            }
        } catch {
            // The request as a whole failed after the client's retries:
            // each action goes on its own, and fails or succeeds alone.
            var outcomes: [(Int, Executor.Outcome)] = []
            for item in items { outcomes.append((item.index, await perform(item.action))) }
            return outcomes
        }
        var outcomes: [(Int, Executor.Outcome)] = []
        for (item, result) in zip(items, results) {
            switch result {
            case .success(let object): outcomes.append((item.index, succeeded(item.action, object)))
            case .failure(let error): outcomes.append((item.index, await refused(item.action, error)))
            }
        }
        return outcomes
    }

    /// Records an action its Bulk operation completed.
    private func succeeded(_ action: PlannedAction, _ object: TargetObject?) -> Executor.Outcome {
        var outcome = Executor.Outcome()
        switch action {
        case .create(let kind, let anchor, let fields, let hash):
            guard let id = object?.id else {
                outcome.batch.fail(anchor, kind, .create, TargetError(code: .serverError, detail: "the Bulk response gives no location for the new \(kind)"))
                return outcome
            }
            recordCreated(kind, anchor, id: id, fields: fields, hash: hash, into: &outcome)
        case .link(let kind, let anchor, let id, let fields, let hash):
            recordLinked(kind, anchor, id: id, fields: fields, hash: hash, into: &outcome, code: .alreadyExists)
        case .update(let kind, let anchor, let id, let set, let remove, let hash):
            recordUpdated(kind, anchor, id: id, set: set, remove: remove, hash: hash, into: &outcome)
        case .deactivate(let anchor, let id):
            recordDeactivated(anchor, id: id, into: &outcome)
        case .delete(let kind, let anchor, _):
            recordDeleted(kind, anchor, into: &outcome)
        case .unlink:
            break
        case .addMembers(let group, let members), .removeMembers(let group, let members):
            let (ids, waiting) = memberTargets(members)
            var adding = false
            if case .addMembers = action { adding = true }
            recordMembers(group, adding: adding, written: Set(ids.map(\.anchor)), refused: [], waiting: waiting, into: &outcome)
        }
        return outcome
    }

    /// Handles an operation the Bulk request refused as the single request
    /// would have been handled.
    private func refused(_ action: PlannedAction, _ error: TargetError) async -> Executor.Outcome {
        switch (action, error.code) {
        case (.create(let kind, let anchor, let fields, let hash), .alreadyExists):
            var outcome = Executor.Outcome()
            do {
                try await adopt(kind, anchor, fields: fields, hash: hash, after: error, into: &outcome)
            } catch {
                outcome.batch.fail(anchor, kind, .create, error as? TargetError ?? TargetError(code: .general, detail: "\(error)"))
            }
            return outcome
        case (.delete(let kind, let anchor, _), .targetMissing):
            var outcome = Executor.Outcome()
            recordDeleted(kind, anchor, into: &outcome)  // already gone: the deletion's goal holds
            return outcome
        case (_, .targetMissing):
            var outcome = Executor.Outcome()
            do {
                try await onTracked(action.kind, action.anchor, action.name, into: &outcome) { _ in throw error }
            } catch {
                outcome.batch.fail(action.anchor, action.kind, action.name, error as? TargetError ?? TargetError(code: .general, detail: "\(error)"))
            }
            return outcome
        case (_, .rateLimited), (_, .serverError), (.addMembers, _), (.removeMembers, _):
            return await perform(action)
        default:
            var outcome = Executor.Outcome()
            if error.code == .accessLost { outcome.stop = error }
            outcome.batch.fail(action.anchor, action.kind, action.name, error)
            return outcome
        }
    }
}
