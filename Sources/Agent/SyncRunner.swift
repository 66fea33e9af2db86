import AgentStore
import Connectors
import Foundation
import Logging
public import SCIMClient
public import SyncEngine

/// One run: reconcile what a crash may have left, read every source, plan,
/// and (for `sync`) apply the plan, recording the run and its results.
public struct SyncRunner: Sendable {
    public let environment: AgentEnvironment

    public init(environment: AgentEnvironment) {
        self.environment = environment
    }

    public struct Outcome: Sendable {
        public var runID: String
        public var plan: Plan
        /// nil for a dry run.
        public var report: ExecutionReport?
        /// Sources that could not be read at all, with the condition.
        public var sourceFailures: [(source: String, condition: ConditionCode, detail: String)]
        /// Requests sent to the target during the run, retries included.
        public var requests: RequestCounts
        /// From the start of the run to its end, in seconds.
        public var duration: Double
    }

    /// Reads the sources and plans; with `apply`, executes the plan too.
    /// With `full`, every source is read whole (no watermark) and every
    /// mapped field of every linked object is written again (the stored
    /// hashes are ignored; memberships still compare with what was written).
    /// `stop` ends the run at the next window boundary. With `saved` (a plan
    /// of `dsync plan --out`), applies what still holds of that plan instead
    /// of the new one (SyncRunner+SavedPlan).
    public func run(
        apply: Bool, allowDeletes: Bool, saved: SavedPlan? = nil, full: Bool = false, stop: StopRequest? = nil,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) async throws -> Outcome {
        let log = beginLog(apply: apply, saved: saved)
        defer { environment.runLog?.end() }
        let started = ContinuousClock.now
        let step = RunStepMetrics(started: started)
        let requestsBefore = environment.client.requestCounts
        let store = environment.store
        // The target's rules and, to match by userName or email, its objects:
        // read before anything else, so a target that cannot be reached
        // stops the run before it starts.
        let rules = try await TargetRules.read(environment.target, match: environment.configuration.match)
        let runID = try await store.beginRun(mode: apply ? .sync : .plan)
        environment.runLog?.name(runID: runID)
        log.info("run \(runID) started", metadata: ["mode": "\(apply ? "sync" : "plan")"])
        let executor = Executor(
            target: environment.target, recorder: store,
            settings: ExecutorSettings(
                concurrency: environment.configuration.target.concurrency,
                bulkOperations: environment.configuration.target.limits.bulkMaxOperations ?? ExecutorSettings().bulkOperations,
                targetMissing: environment.configuration.policies.targetMissing,
                linkWithoutRoleInformation: environment.configuration.match.linkWithoutRoleInformation, runID: runID, stop: stop, progress: progress
            )
        )
        // The state loads on the database's own thread while the sources
        // are read: reading keeps one core busy, the server another part
        // of one, and the links arrive meanwhile.
        async let loadedState = store.loadState()
        var events: [ChangeEvent] = []
        var watermarks: [String: String] = [:]
        var failures: [(String, ConditionCode, String)] = []
        for source in environment.sources {
            do {
                let read = try await source.read(after: full ? nil : try await store.watermark(source: source.name))
                log.info("source read", metadata: step.metadata(["source": "\(source.name)", "events": "\(read.events.count)"]))
                // The first source's events as they are, not copied.
                if events.isEmpty { events = read.events } else { events += read.events }
                if let watermark = read.watermark { watermarks[source.name] = watermark }
            } catch {
                // A source that cannot be read yields nothing but this: the
                // planner then removes nothing anywhere.
                let code = (error as? LDAPSourceError)?.condition ?? .sourceReadIncomplete
                let problem = SourceReadProblem(code: code, detail: "\(source.name): \(error)")
                events.append(.readIncomplete(problem))
                failures.append((source.name, problem.code, problem.detail))
                log.error("source not read", metadata: ["source": "\(source.name)", "condition": "\(problem.code.rawValue)", "detail": "\(problem.detail)"])
            }
        }
        var state = try await loadedState
        log.info("state loaded", metadata: step.metadata(["links": "\(state.links.count)"]))
        // What a crashed run left is settled before planning; only a link
        // it adds changes the state.
        if apply, try await executor.reconcile(state: state) > 0 { state = try await store.loadState() }
        if full {
            for (anchor, var link) in state.links {
                link.hash = ""
                link.fieldHashes = [:]
                link.sourceDigest = ""
                state.links[anchor] = link
            }
        }
        let settings = PlannerSettings(environment.configuration, allowDeletes: allowDeletes)
        var plan: Plan
        var report: ExecutionReport?
        if apply, saved == nil, state.links.isEmpty {
            // An initial sync: users are written while it is planned
            // (Executor+Streaming).
            (plan, report) = try await executor.planAndExecute(
                events: consume events, state: state, settings: settings, schema: rules.schema, target: rules.directory,
                watermarks: watermarks, planned: { logPlan($0, log: log, step: step) })
        } else {
            // The read goes to the planner, which lets go of it once it holds
            // the objects by anchor; they are gone once planned (a third of an
            // initial sync's memory).
            plan = Planner.plan(events: consume events, state: state, settings: settings, schema: rules.schema, target: rules.directory)
            var versions: [Anchor: String] = [:]
            if let saved {
                (plan, versions) = saved.applicable(current: plan)
                // A subset of the changes is applied: the sources are read from
                // the same place again next time.
                watermarks = [:]
            }
            logPlan(plan, log: log, step: step)
            if apply {
                // The executor gets the only copy of the field values and lets
                // go of them as they are written; the outcome keeps the rest.
                let executing = plan
                plan = plan.withoutValues
                report = try await executor.execute(consume executing, state: state, watermarks: watermarks, versions: versions)
            }
        }
        if let report {
            logResults(report, log: log)
            if let counts = plan.baseDNCounts { try await store.saveBaseDNCounts(counts) }
        }
        let outcome = report.map { report in
            if report.blocked { return "blocked" }
            if !report.failed.isEmpty || report.stoppedBy != nil { return "failures" }
            return report.interrupted ? "interrupted" : "done"
        } ?? "planned"
        // Nothing reads the state again: its links go on another thread.
        BackgroundRelease.release(consume state)
        try await store.finishRun(
            runID, countsByAction: report?.countsByAction ?? Self.counts(plan), countsByCondition: report?.countsByCondition ?? [:],
            outcome: outcome
        )
        if apply { try await purge(log: log) }
        log.info("run \(runID) ended", metadata: step.metadata(["outcome": "\(outcome)"]))
        let requestsAfter = environment.client.requestCounts
        let elapsed = ContinuousClock.now - started
        return Outcome(
            runID: runID, plan: plan, report: report, sourceFailures: failures,
            requests: RequestCounts(
                reads: requestsAfter.reads - requestsBefore.reads, writes: requestsAfter.writes - requestsBefore.writes,
                retries: requestsAfter.retries - requestsBefore.retries),
            duration: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// Actions by name, for a dry run's record.
    static func counts(_ plan: Plan) -> [String: Int] {
        var counts: [String: Int] = [:]
        for action in plan.actions { counts[action.name, default: 0] += 1 }
        return counts
    }
}

extension PlannedAction {
    /// The action's name in reports.
    public var name: String {
        switch self {
        case .create: "create"
        case .link: "link"
        case .update: "update"
        case .deactivate: "deactivate"
        case .delete: "delete"
        case .unlink: "unlink"
        case .addMembers: "member-add"
        case .removeMembers: "member-remove"
        }
    }
}
