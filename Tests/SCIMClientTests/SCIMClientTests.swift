import DirectoryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SCIM
import SCIMClient
import Synchronization
import Testing
import TestSupport

/// The client against a real `directoryd` router served on a loopback port.
@Suite("SCIM client")
struct SCIMClientTests {
    static func directory(rateLimit: RateLimit? = nil) async throws -> (application: some ApplicationProtocol, token: String) {
        let folder = try TestFolder.make("scimclient")
        let store = try SQLiteDirectoryStore(path: folder.appendingPathComponent("directory.sqlite").path)
        let organization = Organization(name: "Acme", deployment: "us", plan: Plan(name: "test", seatLimit: 100))
        try await store.createOrganization(organization)
        let token = AccessTokens.mint()
        try await store.saveToken(AccessTokenRecord(hash: AccessTokens.hash(token), organizationID: organization.id, scopes: Set(Scope.allCases), label: "test"))
        let router = DirectoryApplication.router(store: store, configuration: DirectoryServerConfiguration(rateLimit: rateLimit))
        return (Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0))), token)
    }

    static func client(port: Int, token: String, retry: RetryPolicy = RetryPolicy(), credentials: (any CredentialProvider)? = nil) throws -> SCIMClient {
        try SCIMClient(
            configuration: SCIMClientConfiguration(baseURL: "http://127.0.0.1:\(port)/scim/v2", instanceID: "test-instance", agentVersion: "0.0.0", retry: retry),
            credentials: credentials ?? StaticToken(token), logger: Logger(label: "test")
        )
    }

    static let user: JSON = ["schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "ada@example.com", "externalId": "a-1"]

    @Test("create, get, patch with If-Match, list and delete against directoryd")
    func roundTrip() async throws {
        let (application, token) = try await Self.directory()
        try await application.test(.live) { live in
            let client = try Self.client(port: try #require(live.port), token: token)
            let created = try await client.create(.users, Self.user)
            #expect(created.version == "W/\"1\"")
            let patched = try await client.patch(
                .users, id: created.id, operations: [["op": "replace", "path": "displayName", "value": "Ada"]], ifMatch: created.version
            )
            #expect(patched.json["displayName"]?.stringValue == "Ada")
            // A stale version is refused (RFC 7644 §3.14), with the status.
            let stale = await #expect(throws: SCIMClientError.self) {
                _ = try await client.patch(.users, id: created.id, operations: [["op": "replace", "path": "title", "value": "x"]], ifMatch: created.version)
            }
            #expect(stale?.status == 412)
            let found = try await client.list(.users, filter: #"externalId eq "a-1""#)
            #expect(found.count == 1)
            try await client.delete(.users, id: created.id)
            #expect(try await client.get(.users, id: created.id) == nil)
            try await client.shutdown()
        }
    }

    @Test("the directory's refusal comes back with its status and reason code")
    func refusal() async throws {
        let (application, token) = try await Self.directory()
        try await application.test(.live) { live in
            let client = try Self.client(port: try #require(live.port), token: token)
            _ = try await client.create(.users, Self.user)
            let duplicate = await #expect(throws: SCIMClientError.self) { _ = try await client.create(.users, Self.user) }
            guard case .answered(409, let error?, _)? = duplicate else {
                Issue.record("expected a 409 with a SCIM error, got \(String(describing: duplicate))")
                return
            }
            #expect(error.reason == .alreadyExists)
            try await client.shutdown()
        }
    }

    @Test("list pages through more than one page")
    func paging() async throws {
        let (application, token) = try await Self.directory()
        try await application.test(.live) { live in
            let client = try Self.client(port: try #require(live.port), token: token)
            for index in 0..<7 {
                _ = try await client.create(.users, ["schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": .string("user\(index)")])
            }
            #expect(try await client.list(.users, pageSize: 3).count == 7)
            try await client.shutdown()
        }
    }

    @Test("429 with Retry-After is waited out")
    func throttledThenServed() async throws {
        // One request a second: the second of two requests in a row waits
        // for Retry-After (or, on a slow machine, the second passed anyway);
        // either way the pair takes at least a second less a margin.
        let (application, token) = try await Self.directory(rateLimit: RateLimit(requestsPerSecond: 1, burst: 1))
        try await application.test(.live) { live in
            let patient = try Self.client(port: try #require(live.port), token: token)
            let started = Date()
            for _ in 0..<2 { _ = try await patient.list(.users) }
            #expect(Date().timeIntervalSince(started) >= 0.9)
            try await patient.shutdown()
        }
    }

    @Test("429 beyond the retry budget is rate-limited")
    func throttledBeyondBudget() async throws {
        // One request per 1,000 s: the second is refused however slow the machine.
        let (application, token) = try await Self.directory(rateLimit: RateLimit(requestsPerSecond: 0.001, burst: 1))
        try await application.test(.live) { live in
            let impatient = try Self.client(port: try #require(live.port), token: token, retry: RetryPolicy(rateLimitBudget: 10))
            _ = try await impatient.list(.users)
            #expect(await impatient.currentConcurrency == 64)
            let error = await #expect(throws: SCIMClientError.self) { _ = try await impatient.list(.users) }
            #expect(error?.status == 429)
            #expect(await impatient.currentConcurrency < 64, "a 429 lowers the requests in flight")
            try await impatient.shutdown()
        }
    }

    /// A credential that is stale until refreshed.
    final class Rotating: CredentialProvider {
        let stale: String, fresh: String
        let refreshes = Mutex(0)
        init(stale: String, fresh: String) {
            self.stale = stale
            self.fresh = fresh
        }
        func token() async throws -> String { refreshes.withLock { $0 } == 0 ? stale : fresh }
        func refresh() async throws -> String? {
            refreshes.withLock { $0 += 1 }
            return fresh
        }
    }

    @Test("a 401 refreshes the credential once; a second 401 is access lost")
    func unauthorized() async throws {
        let (application, token) = try await Self.directory()
        try await application.test(.live) { live in
            let rotating = Rotating(stale: "dsd_revoked", fresh: token)
            let client = try Self.client(port: try #require(live.port), token: token, credentials: rotating)
            #expect(try await client.list(.users).isEmpty)
            #expect(rotating.refreshes.withLock { $0 } == 1)
            let lost = try Self.client(port: try #require(live.port), token: token, credentials: Rotating(stale: "dsd_a", fresh: "dsd_b"))
            let error = await #expect(throws: SCIMClientError.self) { _ = try await lost.list(.users) }
            guard case .accessLost? = error else {
                Issue.record("expected accessLost, got \(String(describing: error))")
                return
            }
            try await client.shutdown()
            try await lost.shutdown()
        }
    }
}
