extension Executor.Run {
    /// Leaves out the actions of objects a saved plan already found
    /// changed (an earlier write of theirs was answered 412): each is
    /// recorded as `plan-stale`.
    func skipStale(_ window: [PlannedAction]) -> (kept: [PlannedAction], skipped: OutcomeBatch) {
        var skipped = OutcomeBatch(runID: executor.settings.runID)
        let kept = window.filter { action in
            guard stale.contains(action.anchor) else { return true }
            skipped.fail(
                action.anchor, action.kind, action.name,
                TargetError(code: .planStale, detail: "not sent: an earlier write found the object changed in the directory since the plan"))
            return false
        }
        return (kept, skipped)
    }

    /// After a window: the objects written carry the agent's own version
    /// now, so their later writes go without the plan's; those the
    /// directory answered 412 (`plan-stale`) are skipped from then on.
    mutating func settleVersions(_ window: [PlannedAction], _ batch: OutcomeBatch) {
        for result in batch.results where result.code == .planStale { stale.insert(result.anchor) }
        for action in window { versions[action.anchor] = nil }
    }
}
