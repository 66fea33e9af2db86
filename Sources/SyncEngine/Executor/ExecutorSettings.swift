/// How the executor applies a plan.
public struct ExecutorSettings: Sendable {
    /// Requests in flight at once (`target.concurrency`).
    public var concurrency: Int
    /// Actions journaled and recorded per transaction: the crash-safety
    /// window. Larger windows mean fewer commits and more to reconcile.
    public var window: Int
    /// Writes per Bulk request when the target supports Bulk, at most its
    /// `maxOperations` (`target.limits.bulkMaxOperations`, default 500).
    public var bulkOperations: Int
    /// What a 404 on a tracked object leads to (`policies.targetMissing`).
    public var targetMissing: Policies.TargetMissing
    /// Link by userName or email when the target shows no roles
    /// (`match.linkWithoutRoleInformation`).
    public var linkWithoutRoleInformation: Bool
    /// The run the results are recorded under.
    public var runID: String?
    /// Stops the run at the next window boundary when requested.
    public var stop: StopRequest?
    /// Told after each window: actions done so far, actions in the plan.
    public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    public init(
        concurrency: Int = 4, window: Int = 100, bulkOperations: Int = 500, targetMissing: Policies.TargetMissing = .recreate,
        linkWithoutRoleInformation: Bool = false, runID: String? = nil, stop: StopRequest? = nil,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) {
        self.concurrency = max(concurrency, 1)
        self.window = max(window, 1)
        self.bulkOperations = max(bulkOperations, 1)
        self.targetMissing = targetMissing
        self.linkWithoutRoleInformation = linkWithoutRoleInformation
        self.runID = runID
        self.stop = stop
        self.progress = progress
    }
}

/// What a run did: per-object results, counts, and whether it stopped.
public struct ExecutionReport: Sendable, Hashable {
    public var results: [ObjectResult] = []
    /// Successful actions by name.
    public var countsByAction: [String: Int] = [:]
    /// Conditions met, by code (planning and execution).
    public var countsByCondition: [String: Int] = [:]
    /// Objects not (fully) written; they are in the retry queue.
    public var failed: Set<Anchor> = []
    /// The plan was blocked (`deletion-limit`): nothing was sent.
    public var blocked: Bool = false
    /// The run stopped early (`access-lost`): the rest was not sent.
    public var stoppedBy: TargetError?
    /// The run was asked to stop (`StopRequest`) and left actions for the
    /// next run.
    public var interrupted: Bool = false
    /// Whether the watermarks given were stored.
    public var watermarksAdvanced: Bool = false

    public init() {}

    /// `counted: false` for writes that finish an action already counted
    /// (a manager written once it exists is part of its user's create).
    mutating func add(_ batch: OutcomeBatch, counted: Bool = true) {
        results += batch.results
        for result in batch.results {
            if let code = result.code { countsByCondition[code.rawValue, default: 0] += 1 }
            if result.failed { failed.insert(result.anchor) } else if result.action != .none, counted {
                countsByAction[result.action.rawValue, default: 0] += 1
            }
        }
    }
}
