import Foundation
import Hummingbird
import NIOConcurrencyHelpers
import SCIM

/// Requests per token: a token bucket per bearer token, refilled at
/// `requestsPerSecond` up to `burst`. An empty bucket answers 429 with
/// Retry-After (RFC 6585 §4), so clients meet real throttling in tests.
/// Per process: several `directoryd` nodes each apply it.
public struct RateLimit: Sendable, Hashable {
    public var requestsPerSecond: Double
    public var burst: Double

    public init(requestsPerSecond: Double, burst: Double) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
    }

    /// Generous: throttles runaway clients, not busy ones.
    public static let `default` = RateLimit(requestsPerSecond: 500, burst: 2000)
}

final class TokenBuckets: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let limit: RateLimit
    private let clock: @Sendable () -> Date
    private let buckets = NIOLockedValueBox<[String: Bucket]>([:])

    init(limit: RateLimit, clock: @escaping @Sendable () -> Date) {
        self.limit = limit
        self.clock = clock
    }

    /// Takes one request from `key`'s bucket; returns nil when allowed, or
    /// the seconds to wait.
    func take(_ key: String) -> Int? {
        let now = clock()
        return buckets.withLockedValue { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: limit.burst, updated: now)
            let seconds = max(now.timeIntervalSince(bucket.updated), 0)
            bucket.tokens = min(limit.burst, bucket.tokens + seconds * limit.requestsPerSecond)
            bucket.updated = now
            defer { buckets[key] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return max(1, Int(((1 - bucket.tokens) / limit.requestsPerSecond).rounded(.up)))
        }
    }
}

struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = DirectoryRequestContext
    let buckets: TokenBuckets

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // After the bearer token middleware: the key is the hash it computed.
        let key = context.tokenHash ?? "anonymous"
        if let wait = buckets.take(key) {
            return SCIMHTTP.error(
                SCIMError(status: 429, detail: "too many requests for this token; retry after \(wait) s"),
                headers: [.retryAfter: String(wait)]
            )
        }
        return try await next(request, context)
    }
}
