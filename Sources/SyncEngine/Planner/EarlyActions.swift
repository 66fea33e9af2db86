/// An initial sync's user creates (and links), handed out while the rest is
/// still being planned, so the target writes them meanwhile.
///
/// Only a plan from a state with no links streams: no object is linked, so
/// nothing can be deleted or deactivated, so deletion safety can never
/// block the plan those actions belong to. A user's create is final once
/// the user is mapped and none of its userName and email keys is another
/// user's (`PlanBuilder.contestedUsers`); users sharing one wait for the
/// `duplicate-in-source` check and stay in the plan, with the groups and
/// the memberships.
public struct EarlyAction: Sendable {
    public let action: PlannedAction
    /// The object's `PlanBuilder.settledDigest`, which the plan's `digests`
    /// would otherwise hold.
    public let digest: String?

    public init(_ action: PlannedAction, digest: String?) {
        self.action = action
        self.digest = digest
    }
}

/// Receives early actions in batches, in anchor order, on the planner's
/// thread; a streamed action is not in the plan the planner returns.
public typealias EarlyActionSink = @Sendable ([EarlyAction]) -> Void

/// How early actions go from the planner to the executor.
public struct EarlyFlow: Sendable {
    /// Actions handed over at once: enough that handing them over costs
    /// nothing per action, few enough that the first window goes out at once.
    public var batch: Int
    /// Batches planned and not yet taken by the executor, at most: what the
    /// planner maps ahead is memory the read's objects have not given back
    /// yet. The default, about eight windows of 2,000, leaves the planner
    /// time to plan the groups and memberships while the last users go out.
    public var batchesAhead: Int

    public init(batch: Int = 256, batchesAhead: Int = 64) {
        self.batch = max(batch, 1)
        self.batchesAhead = max(batchesAhead, 1)
    }
}

/// Early actions on their way to the sink, a batch at a time.
struct EarlyActionBuffer {
    let sink: EarlyActionSink
    let batch: Int
    private var pending: [EarlyAction] = []

    init(sink: @escaping EarlyActionSink, batch: Int) {
        self.sink = sink
        self.batch = batch
    }

    mutating func add(_ action: EarlyAction) {
        pending.append(action)
        if pending.count >= batch { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        sink(pending)
        pending = []
    }
}

extension Plan {
    /// The plan with the actions streamed ahead of it (their summaries,
    /// `PlannedAction.withoutValues`) put back, in execution order: the plan
    /// the planner makes without streaming, for a run's summary.
    public func including(streamed: [PlannedAction]) -> Plan {
        var whole = self
        whole.actions += streamed
        whole.actions.sort { ($0.phase, $0.anchor) < ($1.phase, $1.anchor) }
        return whole
    }
}
