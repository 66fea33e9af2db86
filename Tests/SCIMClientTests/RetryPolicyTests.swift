import Foundation
import SCIMClient
import Testing

@Suite("Retry policy")
struct RetryPolicyTests {
    let policy = RetryPolicy(maximumAttempts: 4, initialBackoff: 1, maximumBackoff: 5, rateLimitBudget: 10)

    @Test("429 waits as Retry-After says, until the budget is spent")
    func rateLimited() {
        #expect(policy.decide(attempt: 1, outcome: .answered(status: 429, retryAfter: 3), rateLimitWaited: 0, random: 0.5) == .retry(after: 3))
        #expect(policy.decide(attempt: 9, outcome: .answered(status: 429, retryAfter: 3), rateLimitWaited: 7, random: 0.5) == .retry(after: 3))
        #expect(policy.decide(attempt: 2, outcome: .answered(status: 429, retryAfter: 3), rateLimitWaited: 8, random: 0.5) == .stop)
        // Without Retry-After, the back-off decides.
        #expect(policy.decide(attempt: 2, outcome: .answered(status: 429, retryAfter: nil), rateLimitWaited: 0, random: 0.5) == .retry(after: 1))
    }

    @Test("5xx and transport failures back off exponentially with jitter, capped, for a limited number of attempts")
    func backoff() {
        #expect(policy.decide(attempt: 1, outcome: .answered(status: 503, retryAfter: nil), rateLimitWaited: 0, random: 1) == .retry(after: 1))
        #expect(policy.decide(attempt: 3, outcome: .transportFailure, rateLimitWaited: 0, random: 1) == .retry(after: 4))
        #expect(policy.decide(attempt: 3, outcome: .transportFailure, rateLimitWaited: 0, random: 0.25) == .retry(after: 1))
        #expect(policy.decide(attempt: 4, outcome: .transportFailure, rateLimitWaited: 0, random: 1) == .stop)
        #expect(policy.decide(attempt: 2, outcome: .answered(status: 503, retryAfter: 60), rateLimitWaited: 0, random: 1) == .retry(after: 5))
        let capped = RetryPolicy(maximumAttempts: 20, initialBackoff: 1, maximumBackoff: 5)
        #expect(capped.decide(attempt: 10, outcome: .answered(status: 500, retryAfter: nil), rateLimitWaited: 0, random: 1) == .retry(after: 5))
    }

    @Test("other answers are final")
    func final() {
        for status in [400, 401, 403, 404, 409, 412, 413] {
            #expect(policy.decide(attempt: 1, outcome: .answered(status: status, retryAfter: 1), rateLimitWaited: 0, random: 0.5) == .stop)
        }
    }

    @Test("Retry-After as seconds or as an HTTP date")
    func retryAfterHeader() {
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(RetryPolicy.retryAfter("120") == 120)
        #expect(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == 30)
        #expect(RetryPolicy.retryAfter("soon") == nil)
        #expect(RetryPolicy.retryAfter(nil) == nil)
    }
}
