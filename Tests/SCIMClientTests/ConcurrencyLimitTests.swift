import SCIMClient
import Testing

@Suite("Concurrency limit (AIMD on 429)")
struct ConcurrencyLimitTests {
    enum Event { case rateLimited, succeeded }

    /// Applies `event` outside `#expect`, which cannot mutate.
    func changed(_ limit: inout ConcurrencyLimit, _ event: Event) -> Bool {
        event == .rateLimited ? limit.rateLimited() : limit.succeeded()
    }

    @Test("a 429 halves the limit, never below one")
    func halves() {
        var limit = ConcurrencyLimit(maximum: 8)
        #expect(changed(&limit, .rateLimited) == true)
        #expect(limit.current == 4)
        #expect(changed(&limit, .rateLimited) == true)
        #expect(changed(&limit, .rateLimited) == true)
        #expect(limit.current == 1)
        #expect(changed(&limit, .rateLimited) == false)
        #expect(limit.current == 1)
    }

    @Test("successes raise it by one per round of the current limit, up to the maximum")
    func recovers() {
        var limit = ConcurrencyLimit(maximum: 4)
        _ = limit.rateLimited()
        _ = limit.rateLimited()
        #expect(limit.current == 1)
        #expect(changed(&limit, .succeeded) == true)
        #expect(limit.current == 2)
        #expect(changed(&limit, .succeeded) == false)
        #expect(changed(&limit, .succeeded) == true)
        #expect(limit.current == 3)
        for _ in 0..<2 { #expect(changed(&limit, .succeeded) == false) }
        #expect(changed(&limit, .succeeded) == true)
        #expect(limit.current == 4)
        for _ in 0..<10 { #expect(changed(&limit, .succeeded) == false) }
        #expect(limit.current == 4)
    }

    @Test("a 429 in the middle of a recovery starts it over")
    func interrupted() {
        var limit = ConcurrencyLimit(maximum: 16)
        _ = limit.rateLimited()
        #expect(limit.current == 8)
        for _ in 0..<7 { _ = limit.succeeded() }
        _ = limit.rateLimited()
        #expect(limit.current == 4)
        for _ in 0..<3 { #expect(changed(&limit, .succeeded) == false) }
        #expect(changed(&limit, .succeeded) == true)
        #expect(limit.current == 5)
    }
}
