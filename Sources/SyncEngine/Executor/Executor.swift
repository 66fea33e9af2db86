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
        guard try await recordPlanned(plan, state: state, into: &report) else { return report }
        let capabilities = try await target.capabilities()
        let linking = plan.actions.reduce(0) { count, action in
            switch action {
            case .create, .link: count + 1
            default: count
            }
        }
        var run = Run(executor: self, capabilities: capabilities, links: state.links, mappingVersion: plan.mappingVersion, adding: linking)
        run.versions = versions
        var progress = Progress(done: 0, total: plan.actions.count)
        try await run.applyPlan(&plan, progress: &progress, into: &report)
        return try await finish(run, watermarks: watermarks, into: &report)
    }

    /// An initial sync's plan while it is being made (`EarlyAction`): the
    /// early actions run as they arrive, in windows as any phase's, then
    /// `plan` gives the rest, which runs as `execute` runs a plan. `expected`
    /// (the objects read) sizes the link table and stands for the plan's
    /// length in progress reports until the plan is known. The plan's
    /// conditions are recorded when it is known, after the early actions.
    ///
    /// Only for a state with no links (`Planner.plan(early:)` streams
    /// nothing otherwise): no such plan can be blocked by deletion safety.
    func execute(
        early feed: consuming StreamedActions, expected: Int, mappingVersion: String, plan: () async -> Plan,
        state: SyncState, watermarks: [String: String] = [:]
    ) async throws -> ExecutionReport {
        var report = ExecutionReport()
        var progress = Progress(done: 0, total: expected)
        var run: Run
        do {
            let capabilities = try await target.capabilities()
            run = Run(executor: self, capabilities: capabilities, links: state.links, mappingVersion: mappingVersion, adding: expected)
            try await run.applyPhase(&feed, into: &report) { count in progress.advance(count, settings.progress) }
        } catch {
            // The planner may be waiting for room: it finishes its plan.
            await feed.drain()
            throw error
        }
        // What a stopped run did not send: the planner finishes its plan.
        await feed.drain()
        var rest = await plan()
        guard try await recordPlanned(rest, state: state, into: &report) else { return report }
        if report.stoppedBy == nil, !report.interrupted {
            progress.total = progress.done + rest.actions.count
            try await run.applyPlan(&rest, progress: &progress, into: &report)
        }
        return try await finish(run, watermarks: watermarks, into: &report)
    }

    /// Records the plan's conditions (and what it found settled); false when
    /// the plan is blocked, which is then recorded and nothing is written.
    private func recordPlanned(_ plan: borrowing Plan, state: SyncState, into report: inout ExecutionReport) async throws -> Bool {
        var planned = OutcomeBatch(runID: settings.runID)
        // An object deleted in the target that the plan creates again is
        // not a failure (its create's result says how that went).
        let recreated = plan.conditions.contains { $0.code == .targetMissing } ? Self.creates(plan) : []
        for condition in plan.conditions {
            let healed = condition.code == .targetMissing && condition.anchor.map(recreated.contains) == true
            planned.results.append(ObjectResult(
                anchor: condition.anchor ?? Anchor(""), kind: condition.kind, action: .none, code: condition.code,
                attribute: condition.attribute, value: condition.value, detail: condition.detail,
                failed: !condition.condition.isInformational && condition.anchor != nil && !healed, name: condition.name))
        }
        if let blocked = plan.blockedBy {
            planned.results.append(ObjectResult(anchor: Anchor(""), kind: nil, action: .none, code: blocked.code, detail: blocked.detail))
            report.blocked = true
        } else {
            planned.settled = Self.settled(plan, state: state)
        }
        try await recorder.record(planned)
        report.add(planned)
        return !report.blocked
    }

    /// The objects `plan` creates.
    private static func creates(_ plan: borrowing Plan) -> Set<Anchor> {
        var anchors: Set<Anchor> = []
        for case .create(_, let anchor, _, _) in plan.actions { anchors.insert(anchor) }
        return anchors
    }

    /// After the last phase: the watermarks, when everything was written
    /// or queued for retry, and the run's links let go of.
    private func finish(_ run: consuming Run, watermarks: [String: String], into report: inout ExecutionReport) async throws -> ExecutionReport {
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

    /// Actions done, of how many, for `ExecutorSettings.progress`.
    struct Progress {
        var done: Int
        var total: Int

        mutating func advance(_ count: Int, _ report: (@Sendable (_ done: Int, _ total: Int) -> Void)?) {
            done += count
            total = max(total, done)
            report?(done, total)
        }
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
