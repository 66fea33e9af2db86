extension Executor {
    /// Settles the intents a crashed run left in the journal, before the
    /// next plan is made. A create may have reached the target before the
    /// crash: it is looked up by `externalId` (the anchor) and linked, so it
    /// is never created twice. Its link gets no hash, so the next plan
    /// writes every mapped field once (no update is lost). Other intents
    /// need nothing: their outcome was not recorded, so the next plan
    /// repeats them, and each is idempotent (PATCH replace, member add or
    /// remove, delete answered 404). Returns how many objects were linked.
    @discardableResult
    public func reconcile(state: SyncState) async throws -> Int {
        let entries = try await recorder.pendingJournal()
        guard !entries.isEmpty else { return 0 }
        var batch = OutcomeBatch(runID: settings.runID)
        for intent in entries.flatMap(\.intents) where (intent.operation == .create) && state.links[intent.anchor] == nil {
            guard batch.links[intent.anchor] == nil,
                  let found = try await target.find(intent.kind, by: .externalID(intent.anchor.rawValue))
            else { continue }
            batch.links[intent.anchor] = Link(kind: intent.kind, targetID: found.id, origin: .created)
        }
        batch.completedJournal = Set(entries.map(\.id))
        try await recorder.record(batch)
        return batch.links.count
    }
}
