extension Executor {
    /// Settles the intents a crashed run left in the journal, before the
    /// next plan is made. A create may have reached the target before the
    /// crash: it is looked up by `externalId` (the anchor) and linked, so it
    /// is never created twice. Its link gets no hash, so the next plan
    /// writes every mapped field once (no update is lost). Other intents
    /// need nothing: their outcome was not recorded, so the next plan
    /// repeats them, and each is idempotent (PATCH replace, member add or
    /// remove, delete answered 404). Returns how many objects were linked.
    ///
    /// The lookups go `settings.concurrency` at a time: a crash with two
    /// windows of Bulk creates in flight leaves up to 4,000 of them.
    @discardableResult
    public func reconcile(state: SyncState) async throws -> Int {
        let entries = try await recorder.pendingJournal()
        guard !entries.isEmpty else { return 0 }
        var creates: [Intent] = []
        var seen: Set<Anchor> = []
        for intent in entries.flatMap(\.intents)
        where intent.operation == .create && state.links[intent.anchor] == nil && seen.insert(intent.anchor).inserted {
            creates.append(intent)
        }
        var batch = OutcomeBatch(runID: settings.runID)
        for (intent, found) in try await lookUp(creates) {
            batch.links[intent.anchor] = Link(kind: intent.kind, targetID: found.id, origin: .created)
        }
        batch.completedJournal = Set(entries.map(\.id))
        try await recorder.record(batch)
        return batch.links.count
    }

    /// The target objects the creates made, found by `externalId`; at most
    /// `settings.concurrency` lookups in flight.
    private func lookUp(_ creates: [Intent]) async throws -> [(Intent, TargetObject)] {
        let target = self.target
        return try await withThrowingTaskGroup(of: (Intent, TargetObject?).self) { group in
            var pending = creates.makeIterator()
            func start() {
                guard let intent = pending.next() else { return }
                group.addTask { (intent, try await target.find(intent.kind, by: .externalID(intent.anchor.rawValue))) }
            }
            for _ in 0..<settings.concurrency { start() }
            var found: [(Intent, TargetObject)] = []
            while let (intent, object) = try await group.next() {
                if let object { found.append((intent, object)) }
                start()
            }
            return found
        }
    }
}
