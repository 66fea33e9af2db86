import DirectoryServer
import Hummingbird
import HummingbirdTesting
import SCIM
import Testing

@Suite("Throttling")
struct ThrottlingTests {
    @Test("beyond its burst a token gets 429 with Retry-After; another token is not affected")
    func throttled() async throws {
        let fixture = try await Fixture.make()
        let other = try await Fixture.mintToken(fixture.store, organization: fixture.organization)
        let clock = TestClock()
        let configuration = DirectoryServerConfiguration(rateLimit: RateLimit(requestsPerSecond: 0.001, burst: 3), clock: clock.function)
        let app = Application(router: DirectoryApplication.router(store: fixture.store, configuration: configuration))
        try await app.test(.router) { client in
            var statuses: [UInt] = []
            for _ in 0..<4 { statuses.append(UInt(try await client.scim(.get, "/Users", token: fixture.token).status.code)) }
            #expect(statuses == [200, 200, 200, 429])
            let throttled = try await client.scim(.get, "/Users", token: fixture.token)
            // One request refills in 1,000 s at this rate; the wait says so,
            // and shrinks as time passes.
            #expect(throttled.headers[.retryAfter] == "1000")
            clock.advance(400)
            #expect(try await client.scim(.get, "/Users", token: fixture.token).headers[.retryAfter] == "600")
            clock.advance(600)
            #expect(try await client.scim(.get, "/Users", token: fixture.token).status == .ok)
            #expect(throttled.json?["status"]?.stringValue == "429")
            #expect(try await client.scim(.get, "/Users", token: other).status == .ok)
        }
    }
}
