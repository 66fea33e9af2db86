public import Foundation
public import SyncEngine

/// What a notification says about one run: the facts of a finished run
/// (`SyncRunner.Outcome`) or of one that could not happen at all. Pure
/// data, so the message is built and tested without I/O.
public struct RunNotice: Sendable {
    public typealias Event = NotificationsConfiguration.Event

    /// nil when the run could not start (no run was recorded).
    public var runID: String?
    public var startedAt: Date
    public var endedAt: Date
    /// done, failures, blocked, interrupted or error.
    public var outcome: String
    /// Why the run could not happen at all (configuration, target, state).
    public var error: String?
    /// Sources that could not be read at all.
    public var sourceFailures: [(source: String, condition: ConditionCode, detail: String)] = []
    /// Why the run stopped early (`access-lost`).
    public var stoppedBy: (condition: ConditionCode, detail: String)?
    /// The deletion limit's record when it blocked the plan.
    public var blockedBy: ConditionRecord?
    public var countsByAction: [String: Int] = [:]
    public var countsByCondition: [String: Int] = [:]
    /// The failed objects' results, in the run's order.
    public var failed: [ObjectResult] = []
    /// How many objects failed (a failed object may have several results).
    public var failedCount: Int = 0

    /// A run's facts, to be filled in.
    public init(runID: String?, startedAt: Date, endedAt: Date, outcome: String) {
        self.runID = runID
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.outcome = outcome
    }

    /// A run that could not start or finish.
    public init(error: String, startedAt: Date, endedAt: Date) {
        self.error = error
        self.startedAt = startedAt
        self.endedAt = endedAt
        outcome = "error"
    }

    public init(_ outcome: SyncRunner.Outcome, startedAt: Date, endedAt: Date) {
        runID = outcome.runID
        self.startedAt = startedAt
        self.endedAt = endedAt
        sourceFailures = outcome.sourceFailures
        blockedBy = outcome.plan.blockedBy
        if let report = outcome.report {
            countsByAction = report.countsByAction
            countsByCondition = report.countsByCondition
            failed = report.results.filter(\.failed)
            failedCount = report.failed.count
            if let stopped = report.stoppedBy { stoppedBy = (stopped.code, "\(stopped)") }
            if report.blocked {
                self.outcome = "blocked"
            } else if !report.failed.isEmpty || report.stoppedBy != nil {
                self.outcome = "failures"
            } else {
                self.outcome = report.interrupted ? "interrupted" : "done"
            }
        } else {
            self.outcome = "planned"
            blockedBy = nil
        }
    }

    /// The events this run gives rise to; none for a clean run.
    public var events: Set<Event> {
        var events: Set<Event> = []
        if error != nil || !sourceFailures.isEmpty || stoppedBy != nil { events.insert(.runFailed) }
        if outcome == "blocked" { events.insert(.deletionLimit) }
        if failedCount > 0 { events.insert(.objectsFailed) }
        return events
    }
}
