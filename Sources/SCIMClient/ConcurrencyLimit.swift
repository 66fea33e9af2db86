/// How many requests may be in flight, lowered when the target says it is
/// overloaded (429, RFC 6585 §4) and raised again slowly: additive increase,
/// multiplicative decrease, as TCP's congestion control (RFC 5681 §3.1).
/// Pure, so it is tested without a server.
public struct ConcurrencyLimit: Sendable, Hashable {
    /// The configured concurrency, never exceeded.
    public let maximum: Int
    /// Requests allowed in flight now.
    public private(set) var current: Int
    /// Successes since the limit last changed.
    private var successes = 0

    public init(maximum: Int) {
        self.maximum = max(maximum, 1)
        self.current = self.maximum
    }

    /// A 429: halve the limit (at least one). Returns whether it changed.
    public mutating func rateLimited() -> Bool {
        successes = 0
        let lowered = max(current / 2, 1)
        defer { current = lowered }
        return lowered != current
    }

    /// A request that was not rate limited: after `current` of them in a
    /// row (about one round of the window), allow one more. Returns whether
    /// the limit changed.
    public mutating func succeeded() -> Bool {
        guard current < maximum else { return false }
        successes += 1
        guard successes >= current else { return false }
        successes = 0
        current += 1
        return true
    }
}

/// Holds requests back while `ConcurrencyLimit.current` are in flight.
actor RequestGate {
    private var limit: ConcurrencyLimit
    private var inFlight = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(maximum: Int) {
        limit = ConcurrencyLimit(maximum: maximum)
    }

    var current: Int { limit.current }

    func enter() async {
        if inFlight < limit.current {
            inFlight += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Leaves the gate after an attempt; `rateLimited` when it was a 429.
    /// Returns the new limit when it changed.
    func leave(rateLimited: Bool) -> Int? {
        let changed = rateLimited ? limit.rateLimited() : limit.succeeded()
        inFlight -= 1
        while inFlight < limit.current, !waiting.isEmpty {
            inFlight += 1
            waiting.removeFirst().resume()
        }
        return changed ? limit.current : nil
    }
}
