public import Foundation

/// When to try a request again (pure, so it is tested without a server):
/// 429 waits as long as `Retry-After` says (RFC 9110 §10.2.3), within a
/// total budget; 5xx answers, timeouts and broken connections back off
/// exponentially with full jitter; anything else is final.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included.
    public var maximumAttempts: Int
    public var initialBackoff: TimeInterval
    public var maximumBackoff: TimeInterval
    /// The most time spent waiting on 429s for one request before it is
    /// reported `rate-limited`.
    public var rateLimitBudget: TimeInterval

    public init(maximumAttempts: Int = 5, initialBackoff: TimeInterval = 0.5, maximumBackoff: TimeInterval = 30, rateLimitBudget: TimeInterval = 120) {
        self.maximumAttempts = maximumAttempts
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.rateLimitBudget = rateLimitBudget
    }

    public enum Outcome: Sendable, Hashable {
        /// An HTTP answer with this status and `Retry-After` in seconds, if any.
        case answered(status: Int, retryAfter: TimeInterval?)
        /// No answer: refused, reset or timed out.
        case transportFailure
    }

    public enum Decision: Sendable, Hashable {
        case retry(after: TimeInterval)
        case stop
    }

    /// What to do after `attempt` (1-based) ended in `outcome`, having
    /// already waited `rateLimitWaited` seconds on 429s. `random` is in 0..<1.
    public func decide(attempt: Int, outcome: Outcome, rateLimitWaited: TimeInterval, random: Double) -> Decision {
        switch outcome {
        case .answered(429, let retryAfter):
            let wait = retryAfter ?? backoff(attempt: attempt, random: random)
            return rateLimitWaited + wait <= rateLimitBudget ? .retry(after: wait) : .stop
        case .answered(let status, let retryAfter) where (500...599).contains(status):
            guard attempt < maximumAttempts else { return .stop }
            // A 503 may say when to come back; otherwise back off.
            return .retry(after: min(retryAfter ?? backoff(attempt: attempt, random: random), maximumBackoff))
        case .transportFailure:
            return attempt < maximumAttempts ? .retry(after: backoff(attempt: attempt, random: random)) : .stop
        case .answered:
            return .stop
        }
    }

    /// Full jitter: a random wait up to initial·2^(attempt-1), capped.
    func backoff(attempt: Int, random: Double) -> TimeInterval {
        let ceiling = min(initialBackoff * pow(2, Double(max(attempt - 1, 0))), maximumBackoff)
        return ceiling * random
    }

    /// `Retry-After` as seconds: a number of seconds or an HTTP date.
    public static func retryAfter(_ header: String?, now: Date = Date()) -> TimeInterval? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = TimeInterval(header) { return max(seconds, 0) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: header).map { max($0.timeIntervalSince(now), 0) }
    }
}
