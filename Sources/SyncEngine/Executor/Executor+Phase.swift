extension Executor.Run {
    /// Windows whose requests are in flight at once. One left the target
    /// idle while the agent recorded a window and built the next requests,
    /// and the agent idle while the target wrote; with two, each has the
    /// other's next work waiting. With `concurrency: 1`, one: requests then
    /// go one at a time in the plan's order (two windows' requests could
    /// reach the client's gate in either order), so which creates get an
    /// organization's last seats is the same every run.
    var windowsInFlight: Int { executor.settings.concurrency > 1 ? 2 : 1 }

    /// One phase's actions, window by window, with no pause between windows
    /// for the agent's own bookkeeping: up to `windowsInFlight` windows'
    /// requests are in flight (each window's at most `concurrency` at once)
    /// while the next window is journaled and the oldest answered one is
    /// recorded. Every window is journaled before its first request and
    /// recorded after its last, in order, as `reconcile` expects after a
    /// crash.
    ///
    /// References to objects created in a window still being recorded
    /// are written once those objects exist (`deferred`); phases are never
    /// overlapped (members wait for their objects). A saved plan's windows
    /// go one at a time: each settles which objects turned out stale before
    /// the next is journaled.
    ///
    /// Each window's actions lose their values (fields, members) once
    /// recorded (`ActionFeed.recorded`): the phase's memory shrinks as it goes.
    mutating func applyPhase(
        _ feed: inout some ActionFeed, into report: inout ExecutionReport, progress: (_ actions: Int) -> Void
    ) async throws {
        // With Bulk, a window is one Bulk request per concurrent slot.
        let settings = executor.settings
        let windowSize = usesBulk ? max(settings.window, operationsPerBulk * settings.concurrency) : settings.window
        let overlapping = versions.isEmpty
        var inFlight: [(prepared: Prepared, planned: Int, requests: Task<[Executor.Outcome], Never>)] = []
        func windowDone(_ count: Int) {
            feed.recorded(count)
            progress(count)
        }
        while true {
            if settings.stop?.isRequested == true {
                report.interrupted = true
                break
            }
            guard let window = await feed.next(windowSize) else { break }
            let prepared = try await prepare(window.actions, digests: window.digests, into: &report)
            guard overlapping else {
                try await finish(prepared, await outcomes(of: prepared.window), into: &report)
                windowDone(window.actions.count)
                if report.stoppedBy != nil { break }
                continue
            }
            guard inFlight.count == windowsInFlight else {
                inFlight.append((prepared, window.actions.count, launch(prepared)))
                continue
            }
            let oldest = inFlight.removeFirst()
            let outcomes = await oldest.requests.value
            let stopRequested = settings.stop?.isRequested == true
            if stopRequested || outcomes.contains(where: { $0.stop != nil }) {
                // Asked to stop, or access lost: nothing more goes out; what
                // went out already is recorded.
                try await finish(oldest.prepared, outcomes, into: &report)
                windowDone(oldest.planned)
                try await abandon(prepared)
                if stopRequested, report.stoppedBy == nil { report.interrupted = true }
                break
            }
            inFlight.append((prepared, window.actions.count, launch(prepared)))
            try await finish(oldest.prepared, outcomes, into: &report)
            windowDone(oldest.planned)
        }
        for window in inFlight {
            try await finish(window.prepared, await window.requests.value, into: &report)
            windowDone(window.planned)
        }
    }

    /// A plan's actions, phase by phase (`PlannedAction.phase`); references
    /// to objects created in the run are written before the updates.
    mutating func applyPlan(_ plan: inout Plan, progress: inout Executor.Progress, into report: inout ExecutionReport) async throws {
        digests.merge(plan.digests) { _, planned in planned }
        if capabilities.groupCreatesWithMembers { memberAdditions = Self.memberAdditions(ofCreatedGroups: plan.actions) }
        var phases = Dictionary(grouping: plan.actions, by: \.phase)
        plan.actions = []
        let reportProgress = executor.settings.progress
        for phase in phases.keys.sorted() {
            guard let actions = phases.removeValue(forKey: phase) else { continue }
            if phase >= 2 { try await writeDeferredReferences(into: &report) }
            var feed = PlannedActions(actions)
            try await applyPhase(&feed, into: &report) { count in progress.advance(count, reportProgress) }
            if report.stoppedBy != nil || report.interrupted { break }
        }
    }
}
