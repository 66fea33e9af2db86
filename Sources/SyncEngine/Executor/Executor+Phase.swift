extension Executor.Run {
    /// One phase's actions, window by window, with no pause between windows
    /// for the agent's own bookkeeping: the next window is journaled while
    /// the requests of the one before are in flight, and once those are
    /// answered, the next window's requests go out while the previous
    /// window's outcomes are recorded. One window's requests are in flight
    /// at a time, so at most `concurrency` requests, and every window is
    /// journaled before its first request and recorded after its last, as
    /// `reconcile` expects after a crash.
    ///
    /// References to objects created in the window still being recorded
    /// are written once those objects exist (`deferred`); phases are never
    /// overlapped (members wait for their objects). A saved plan's windows
    /// go one at a time: each settles which objects turned out stale before
    /// the next is journaled.
    ///
    /// Each window's actions lose their values (fields, members) in
    /// `actions` once recorded: the phase's memory shrinks as it goes.
    mutating func applyPhase(
        _ actions: inout [PlannedAction], windowSize: Int, into report: inout ExecutionReport, progress: (_ actions: Int) -> Void
    ) async throws {
        let overlapping = versions.isEmpty
        var inFlight: (prepared: Prepared, planned: Int, requests: Task<[Executor.Outcome], Never>)?
        var start = 0
        var released = 0
        func windowDone(_ count: Int) {
            for index in released..<(released + count) { actions[index] = actions[index].withoutValues }
            released += count
            progress(count)
        }
        while start < actions.count {
            if executor.settings.stop?.isRequested == true {
                report.interrupted = true
                break
            }
            let window = Array(actions[start..<min(start + windowSize, actions.count)])
            start += window.count
            let prepared = try await prepare(window, into: &report)
            guard overlapping else {
                try await finish(prepared, await outcomes(of: prepared.window), into: &report)
                windowDone(window.count)
                if report.stoppedBy != nil { break }
                continue
            }
            guard let previous = inFlight else {
                inFlight = (prepared, window.count, launch(prepared))
                continue
            }
            let outcomes = await previous.requests.value
            let stopRequested = executor.settings.stop?.isRequested == true
            if stopRequested || outcomes.contains(where: { $0.stop != nil }) {
                // Asked to stop, or access lost: nothing more goes out.
                inFlight = nil
                try await finish(previous.prepared, outcomes, into: &report)
                windowDone(previous.planned)
                try await abandon(prepared)
                if stopRequested, report.stoppedBy == nil { report.interrupted = true }
                break
            }
            inFlight = (prepared, window.count, launch(prepared))
            try await finish(previous.prepared, outcomes, into: &report)
            windowDone(previous.planned)
        }
        if let last = inFlight {
            try await finish(last.prepared, await last.requests.value, into: &report)
            windowDone(last.planned)
        }
    }
}
