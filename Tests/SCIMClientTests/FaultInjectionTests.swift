import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SCIM
import SCIMClient
import Synchronization
import Testing

/// A server that fails the first requests (503, or no answer in time) and
/// then answers, and that records the headers it saw.
@Suite("SCIM client against failures")
struct FaultInjectionTests {
    final class Faults: Sendable {
        let remaining: Mutex<Int>
        let seen = Mutex<[(agent: String?, requestID: String?)]>([])
        init(_ count: Int) { remaining = Mutex(count) }
        func take() -> Bool { remaining.withLock { count in count > 0 ? { count -= 1; return true }() : false } }
    }

    static func server(_ faults: Faults, failure: @escaping @Sendable () async throws -> Response) -> some ApplicationProtocol {
        let router = Router()
        router.get("scim/v2/Users") { request, _ -> Response in
            faults.seen.withLock { $0.append((request.headers[.userAgent], request.headers[HTTPField.Name("X-Request-ID")!])) }
            if faults.take() { return try await failure() }
            let body = #"{"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 0, "Resources": []}"#
            return Response(status: .ok, headers: [.contentType: "application/scim+json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    static func client(_ port: Int, timeout: TimeInterval = 30, attempts: Int = 5) throws -> SCIMClient {
        try SCIMClient(
            configuration: SCIMClientConfiguration(
                baseURL: "http://127.0.0.1:\(port)/scim/v2", instanceID: "i-1", agentVersion: "9.9.9", requestTimeout: timeout,
                retry: RetryPolicy(maximumAttempts: attempts, initialBackoff: 0.05, maximumBackoff: 0.2)
            ),
            credentials: StaticToken("dsd_x"), logger: Logger(label: "test")
        )
    }

    @Test("503s are retried with back-off until an answer; one request id across the attempts, and the agent's User-Agent")
    func serviceUnavailable() async throws {
        let faults = Faults(3)
        try await Self.server(faults) { Response(status: .serviceUnavailable) }.test(.live) { live in
            let client = try Self.client(try #require(live.port))
            #expect(try await client.list(.users).isEmpty)
            let seen = faults.seen.withLock { $0 }
            #expect(seen.count == 4)
            #expect(Set(seen.compactMap(\.requestID)).count == 1)
            #expect(seen.allSatisfy { $0.agent == "dsync/9.9.9 (instance=i-1)" })
            try await client.shutdown()
        }
    }

    @Test("an answer that never comes times out and is retried; too many is unreachable")
    func timeouts() async throws {
        let faults = Faults(1)
        // The stall is far longer than the timeout, and the timeout far
        // longer than an answer takes even on a loaded machine.
        try await Self.server(faults) {
            try await Task.sleep(for: .seconds(10))
            return Response(status: .ok)
        }.test(.live) { live in
            let client = try Self.client(try #require(live.port), timeout: 5)
            #expect(try await client.list(.users).isEmpty)
            try await client.shutdown()
        }
        let always = Faults(100)
        try await Self.server(always) { Response(status: .badGateway) }.test(.live) { live in
            let client = try Self.client(try #require(live.port), attempts: 3)
            let error = await #expect(throws: SCIMClientError.self) { _ = try await client.list(.users) }
            #expect(error?.status == 502)
            #expect(always.seen.withLock { $0.count } == 3)
            try await client.shutdown()
        }
    }
}
