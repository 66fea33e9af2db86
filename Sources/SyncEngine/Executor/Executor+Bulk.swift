extension Executor.Run {
    /// Whether windows go to the target as Bulk requests (RFC 7644 §3.7).
    var usesBulk: Bool { capabilities.bulk && operationsPerBulk > 1 }

    /// Writes per Bulk request: the target's limit, at most the setting.
    var operationsPerBulk: Int { min(capabilities.bulkMaximumOperations, executor.settings.bulkOperations) }

    /// An action's writes in Bulk requests: one write, or for a member
    /// change one per chunk of at most `maximumMembersPerPatch` members.
    struct BulkItem: Sendable {
        let index: Int
        let action: PlannedAction
        var writes: [TargetWrite]
        /// For member changes: the members of each write.
        var chunks: [[(anchor: Anchor, id: String)]] = []
        var waiting = 0
        /// A member change (its writes may be none: every member was
        /// carried by the group's create, or none has a link yet).
        var changesMembers = false
        /// Members the group's create carried: before, for a member
        /// change; with it, for a create.
        var carried = 0
        var carrying: Carrying?
    }

    /// The window's actions, as Bulk requests of up to `operationsPerBulk`
    /// writes; actions that make no single write (unlinks, members whose
    /// group is not written yet) go one by one. An operation refused inside
    /// a Bulk request is handled as the same refusal of a single request:
    /// "already exists" looks the object up and links it, a 404 on a
    /// tracked object follows the target-missing policy, a refused member
    /// chunk is split in halves, a 429 or 5xx is sent again on its own (with
    /// the client's back-off).
    func bulkJobs(_ window: [PlannedAction]) -> [@Sendable () async -> [(Int, Executor.Outcome)]] {
        var jobs: [@Sendable () async -> [(Int, Executor.Outcome)]] = []
        var pending: [BulkItem] = []
        var pendingWrites = 0
        func flush() {
            guard !pending.isEmpty else { return }
            let items = pending
            jobs.append { [self] in await sendBulk(items) }
            pending = []
            pendingWrites = 0
        }
        for (index, action) in window.enumerated() {
            guard let item = bulkItem(index, action) else {
                jobs.append { [self] in [(index, await perform(action))] }
                continue
            }
            if pendingWrites + item.writes.count > operationsPerBulk { flush() }
            pending.append(item)
            pendingWrites += item.writes.count
        }
        flush()
        return jobs
    }

    /// The writes an action makes, when it can go in a Bulk request.
    func bulkItem(_ index: Int, _ action: PlannedAction) -> BulkItem? {
        guard var item = unversionedBulkItem(index, action) else { return nil }
        // A saved plan's version goes with the object's first write.
        if let version = versions[action.anchor], !item.writes.isEmpty {
            item.writes[0] = .ifMatch(version: version, item.writes[0])
        }
        return item
    }

    private func unversionedBulkItem(_ index: Int, _ action: PlannedAction) -> BulkItem? {
        func one(_ write: TargetWrite) -> BulkItem { BulkItem(index: index, action: action, writes: [write]) }
        switch action {
        case .create(let kind, let anchor, let fields, _):
            let carrying = carrying(kind, anchor)
            var item = one(.create(kind, externalID: anchor.rawValue, fields: resolve(fields).values, members: carrying?.ids.map(\.id) ?? []))
            item.carrying = carrying
            return item
        case .link(let kind, _, let id, let fields, _):
            return one(.update(kind, id: id, set: resolve(fields).values, remove: []))
        case .update(let kind, _, let id, let set, let remove, _):
            return one(.update(kind, id: id, set: resolve(set).values, remove: remove))
        case .deactivate(_, let id):
            return one(.deactivate(userID: id))
        case .delete(let kind, _, let id):
            return one(.delete(kind, id: id))
        case .unlink:
            return nil
        case .addMembers(let group, let members), .removeMembers(let group, let members):
            guard let groupLink = links[group], !groupLink.missingInTarget else { return nil }
            var adding = false
            if case .addMembers = action { adding = true }
            let (ids, waiting, carried) = memberTargets(group, members, adding: adding)
            let limit = max(capabilities.maximumMembersPerPatch, 1)
            let chunks = stride(from: 0, to: ids.count, by: limit).map { Array(ids[$0..<min($0 + limit, ids.count)]) }
            let writes = chunks.map { chunk in
                TargetWrite.changeMembers(groupID: groupLink.targetID, add: adding ? chunk.map { $0.id } : [], remove: adding ? [] : chunk.map { $0.id })
            }
            return BulkItem(index: index, action: action, writes: writes, chunks: chunks, waiting: waiting, changesMembers: true, carried: carried)
        }
    }

    /// Sends the items' writes, `operationsPerBulk` a request (an item with
    /// more writes than that takes several requests in turn).
    private func sendBulk(_ items: [BulkItem]) async -> [(Int, Executor.Outcome)] {
        let writes = items.flatMap { $0.writes }
        var results: [TargetWriteResult] = []
        do {
            var start = 0
            while start < writes.count {
                let slice = Array(writes[start..<min(start + operationsPerBulk, writes.count)])
                results += try await executor.target.bulk(slice, within: capabilities)
                start += slice.count
            }
        } catch let error as TargetError where error.code == .accessLost {
            return items.map { item in
                var outcome = Executor.Outcome()
                outcome.stop = error
                outcome.batch.fail(item.action.anchor, item.action.kind, item.action.name, error)
                return (item.index, outcome)
            }
        } catch {
            // A request as a whole failed after the client's retries: each
            // action goes on its own, and fails or succeeds alone.
            var outcomes: [(Int, Executor.Outcome)] = []
            for item in items { outcomes.append((item.index, await perform(item.action))) }
            return outcomes
        }
        var outcomes: [(Int, Executor.Outcome)] = []
        // The operations that succeeded, in one outcome: an outcome (and
        // its batch's collections) per action cost more than the writes
        // it recorded.
        var written = Executor.Outcome()
        var writtenIndex: Int?
        var offset = 0
        for item in items {
            let mine = results[offset..<offset + item.writes.count]
            offset += item.writes.count
            if item.changesMembers {
                outcomes.append((item.index, await membersWritten(item, Array(mine))))
            } else {
                switch mine[mine.startIndex] {
                case .success(let object):
                    succeeded(item.action, object, carrying: item.carrying, into: &written)
                    if writtenIndex == nil { writtenIndex = item.index }
                case .failure(let error): outcomes.append((item.index, await refused(item.action, error, carrying: item.carrying)))
                }
            }
        }
        if let writtenIndex { outcomes.append((writtenIndex, written)) }
        return outcomes
    }

    /// A member change from its chunks' results: a refused chunk is sent
    /// again on its own and split in halves on a 400, as without Bulk.
    private func membersWritten(_ item: BulkItem, _ results: [TargetWriteResult]) async -> Executor.Outcome {
        var outcome = Executor.Outcome()
        let group = item.action.anchor
        var adding = false
        if case .addMembers = item.action { adding = true }
        var written: Set<Anchor> = []
        // Sized once: a group of the initial sync may add 50,000 members.
        written.reserveCapacity(item.chunks.reduce(0) { $0 + $1.count })
        var refused: [(Anchor, TargetError)] = []
        do {
            for (chunk, result) in zip(item.chunks, results) {
                switch result {
                case .success:
                    written.formUnion(chunk.map { $0.anchor })
                case .failure(let error) where error.code == .accessLost:
                    outcome.stop = error
                    throw error
                case .failure(let error) where error.code == .targetMissing || error.code == .planStale:
                    // A 412: the group changed since the saved plan; not sent again without its version.
                    throw error
                case .failure:
                    guard let groupID = links[group]?.targetID else { continue }
                    try await send(chunk, to: groupID, adding: adding, written: &written, refused: &refused)
                }
            }
        } catch let error as TargetError where error.code == .targetMissing {
            do {
                try await onTracked(.group, group, item.action.name, into: &outcome) { _ in throw error }
            } catch {
                outcome.batch.fail(group, .group, item.action.name, error as? TargetError ?? TargetError(code: .general, detail: "\(error)"))
            }
            return outcome
        } catch {
            outcome.batch.fail(group, .group, item.action.name, error as? TargetError ?? TargetError(code: .general, detail: "\(error)"))
            return outcome
        }
        await recordMembers(group, adding: adding, written: written, refused: refused, waiting: item.waiting, carried: item.carried, into: &outcome)
        return outcome
    }

    /// Records an action its Bulk operation completed.
    private func succeeded(_ action: PlannedAction, _ object: TargetObject?, carrying: Carrying?, into outcome: inout Executor.Outcome) {
        switch action {
        case .create(let kind, let anchor, let fields, let hash):
            guard let id = object?.id else {
                outcome.batch.fail(anchor, kind, .create, TargetError(code: .serverError, detail: "the Bulk response gives no location for the new \(kind)"))
                return
            }
            recordCreated(kind, anchor, id: id, fields: fields, hash: hash, into: &outcome)
            if let carrying { recordCarried(anchor, carrying, into: &outcome) }
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
        case .addMembers, .removeMembers:
            break  // `membersWritten`
        }
    }

    /// Handles an operation the Bulk request refused as the single request
    /// would have been handled.
    private func refused(_ action: PlannedAction, _ error: TargetError, carrying: Carrying?) async -> Executor.Outcome {
        switch (action, error.code) {
        case (.create(let kind, let anchor, let fields, let hash), _) where carrying != nil && error.refusesRequest:
            // A member refused, maybe: the group alone, its members by PATCH.
            return await alone(action) { outcome in
                try await create(kind, anchor, fields: fields, hash: hash, carryingMembers: false, into: &outcome)
            }
        case (.create(let kind, let anchor, let fields, let hash), .alreadyExists):
            return await alone(action) { outcome in try await adopt(kind, anchor, fields: fields, hash: hash, after: error, into: &outcome) }
        case (.create(let kind, let anchor, let fields, let hash), .nameConflict):
            return await alone(action) { outcome in try await adoptOwn(kind, anchor, fields: fields, hash: hash, after: error, into: &outcome) }
        case (.delete(let kind, let anchor, _), .targetMissing):
            var outcome = Executor.Outcome()
            recordDeleted(kind, anchor, into: &outcome)  // already gone: the deletion's goal holds
            return outcome
        case (_, .targetMissing):
            return await alone(action) { outcome in
                try await onTracked(action.kind, action.anchor, action.name, into: &outcome) { _ in throw error }
            }
        case (_, .rateLimited), (_, .serverError):
            return await perform(action)
        default:
            var outcome = Executor.Outcome()
            if error.code == .accessLost { outcome.stop = error }
            outcome.batch.fail(action.anchor, action.kind, action.name, error)
            return outcome
        }
    }

    /// One refused operation handled on its own: `body`'s outcome, or the
    /// action failed with what it threw.
    private func alone(_ action: PlannedAction, _ body: (inout Executor.Outcome) async throws -> Void) async -> Executor.Outcome {
        var outcome = Executor.Outcome()
        do {
            try await body(&outcome)
        } catch {
            outcome.batch.fail(action.anchor, action.kind, action.name, error as? TargetError ?? TargetError(code: .general, detail: "\(error)"))
        }
        return outcome
    }
}
