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
    /// The last notification the service sent or tried to send.
    public var lastNotification: NotificationSummary?

    /// What became of a run's notification mail.
    public struct NotificationSummary: Sendable, Hashable, Codable {
        public var run: String
        public var at: Date
        /// `Notifier.Result`'s words: "sent to …", or "not sent: why".
        public var result: String
        public var sent: Bool

        public init(run: String, at: Date, result: String, sent: Bool) {
            self.run = run
            self.at = at
            self.result = result
            self.sent = sent
        }
    }

    public init(state: State, pid: Int32, every: String, startedAt: Date) {
        self.state = state
        self.pid = pid
        self.every = every
        self.startedAt = startedAt
        self.runs = 0
    }
}
