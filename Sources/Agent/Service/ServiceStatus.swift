public import Foundation

/// What `dsync status` shows: whether a run is going on, the last run and
/// the next, and whether the configuration in use is the file's.
public struct ServiceStatus: Codable, Sendable, Hashable {
    public enum State: String, Codable, Sendable {
        case running, idle, stopping
    }

    public struct RunSummary: Codable, Sendable, Hashable {
        public var id: String
        public var startedAt: Date
        public var endedAt: Date?
        /// done, failures, blocked, interrupted, or error.
        public var outcome: String
        public var countsByAction: [String: Int]
        public var countsByCondition: [String: Int]
        public var failed: Int
        /// Why the run could not happen at all (configuration, source, target).
        public var error: String?

        public init(
            id: String, startedAt: Date, endedAt: Date? = nil, outcome: String, countsByAction: [String: Int] = [:],
            countsByCondition: [String: Int] = [:], failed: Int = 0, error: String? = nil
        ) {
            self.id = id
            self.startedAt = startedAt
            self.endedAt = endedAt
            self.outcome = outcome
            self.countsByAction = countsByAction
            self.countsByCondition = countsByCondition
            self.failed = failed
            self.error = error
        }
    }

    public var state: State
    public var pid: Int32
    public var every: String
    public var startedAt: Date
    public var currentRunStartedAt: Date?
    public var lastRun: RunSummary?
    public var lastSuccessAt: Date?
    public var nextRunAt: Date?
    public var runs: Int
    /// Set when the file on disk is invalid: the service goes on with the
    /// last configuration that loaded, and this says why the file did not.
    public var configurationProblem: String?
    /// Where `GET /metrics` answers, when `--metrics` was given.
    public var metricsAddress: String?

    public init(state: State, pid: Int32, every: String, startedAt: Date) {
        self.state = state
        self.pid = pid
        self.every = every
        self.startedAt = startedAt
        self.runs = 0
    }
}
