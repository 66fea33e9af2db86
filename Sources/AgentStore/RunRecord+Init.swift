public import Foundation

extension RunRecord {
    /// A run as reports show it, for formatters tested without a store.
    public init(
        id: String, mode: Mode, startedAt: Date, endedAt: Date? = nil, outcome: String? = nil, actions: [String: Int] = [:],
        conditions: [String: Int] = [:]
    ) {
        self.id = id
        self.mode = mode
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.countsByAction = actions
        self.countsByCondition = conditions
        self.outcome = outcome
    }
}
