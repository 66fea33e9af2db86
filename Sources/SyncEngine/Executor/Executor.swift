import SCIM

/// Applies a plan to a target, phase by phase (`PlannedAction.phase`:
/// objects exist before they are members or managers), each phase in
/// windows: the window's intents are journaled in one transaction, its
/// requests run with bounded concurrency, and its outcomes are recorded in
/// one transaction. A crash loses at most the outcomes of one window, and
/// `reconcile()` recovers those on the next start.
public struct Executor: Sendable {
    public let target: any Target
    public let recorder: any StateRecorder
    public let settings: ExecutorSettings

    public init(target: any Target, recorder: any StateRecorder, settings: ExecutorSettings = ExecutorSettings()) {
        self.target = target
        self.recorder = recorder
        self.settings = settings
    }

    /// Runs `plan` from `state`. `watermarks` are stored at the end, only if
    /// every action was written or queued for retry (not after a stop).
    /// `versions` (a saved plan's, by anchor) make each object's first
    /// write conditional (`If-Match`); an object changed since is
    /// `plan-stale`, and its later actions are skipped.
    ///
    /// The plan is consumed: each window's field values and members are let
    /// go of once written, so an initial sync's memory shrinks as its
    /// creates go out (the caller keeps `plan.withoutValues` if it needs a
    /// summary).
    public func execute(
        _ plan: consuming Plan, state: SyncState, watermarks: [String: String] = [:], versions: [Anchor: String] = [:]
    ) async throws -> ExecutionReport {
        var report = ExecutionReport()
        var planned = OutcomeBatch(runID: settings.runID)
        for condition in plan.conditions {
            planned.results.append(ObjectResult(
                anchor: condition.anchor ?? Anchor(""), kind: condition.kind, action: .none, code: condition.code,
                attribute: condition.attribute, value: condition.value, detail: condition.detail,
                failed: !condition.condition.isInformational && condition.anchor != nil))
        }
        if let blocked = plan.blockedBy {
            planned.results.append(ObjectResult(anchor: Anchor(""), kind: nil, action: .none, code: blocked.code, detail: blocked.detail))
            report.blocked = true
        }
        guard !report.blocked else {
            try await recorder.record(planned)
            report.add(planned)
            return report
        }
        planned.settled = Self.settled(plan, state: state)
        try await recorder.record(planned)
        report.add(planned)

        let capabilities = try await target.capabilities()
        let linking = plan.actions.reduce(0) { count, action in
            switch action {
            case .create, .link: count + 1
            default: count
            }
        }
        var run = Run(executor: self, capabilities: capabilities, links: state.links, mappingVersion: plan.mappingVersion, adding: linking)
        run.digests = plan.digests
        run.versions = versions
        if capabilities.groupCreatesWithMembers { run.memberAdditions = Run.memberAdditions(ofCreatedGroups: plan.actions) }
        var phases = Dictionary(grouping: plan.actions, by: \.phase)
        let total = plan.actions.count
        plan.actions = []
        var done = 0
        for phase in phases.keys.sorted() {
            guard var actions = phases.removeValue(forKey: phase) else { continue }
            if phase >= 2 { try await run.writeDeferredReferences(into: &report) }
            // With Bulk, a window is one Bulk request per concurrent slot.
            let size = run.usesBulk ? max(settings.window, run.operationsPerBulk * settings.concurrency) : settings.window
            try await run.applyPhase(&actions, windowSize: size, into: &report) { count in
                done += count
                settings.progress?(done, total)
            }
            if report.stoppedBy != nil || report.interrupted { break }
        }
        if report.stoppedBy == nil, !report.interrupted { try await run.writeDeferredReferences(into: &report) }
        if report.stoppedBy == nil, !report.interrupted, !watermarks.isEmpty {
            var final = OutcomeBatch(runID: settings.runID)
            final.watermarks = watermarks
            try await recorder.record(final)
            report.watermarksAdvanced = true
        }
        // The run's links (every object's, after an initial sync) are
        // freed off the caller's way: a tenth of a second of frees.
        let links = run.links
        run.links = LinkTable([:])
        BackgroundRelease.release(links)
        return report
    }

    /// Linked objects the plan mapped and found needing nothing, with a
    /// digest other than the one stored: it is stored now, so the next run
    /// need not map them (`PlanBuilder.isSettled`).
    static func settled(_ plan: Plan, state: SyncState) -> [Anchor: String] {
        // Nothing is linked before an initial sync: no set of its 100,000 actions.
        guard !state.links.isEmpty else { return [:] }
        let acted = Set(plan.actions.filter { !$0.isMemberAction }.map(\.anchor))
        var settled: [Anchor: String] = [:]
        for (anchor, digest) in plan.digests where !acted.contains(anchor) {
            if let link = state.links[anchor], !link.hash.isEmpty, link.sourceDigest != digest { settled[anchor] = digest }
        }
        return settled
    }
}
