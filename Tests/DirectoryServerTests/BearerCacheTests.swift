import Synchronization
@testable import DirectoryServer
import Foundation
import SCIM
import Testing
import TestSupport

@Suite("The bearer cache: fresh entries only, and nothing read before an invalidation")
struct BearerCacheTests {
    static func bearer(_ hash: String) -> Bearer {
        let organization = Organization(name: "Acme", deployment: "us", plan: Plan(name: "test", seatLimit: 10))
        return Bearer(
            token: AccessTokenRecord(hash: hash, organizationID: organization.id, scopes: [.usersRead], label: "test"),
            organization: organization, rules: OrganizationRules(fields: [], verifiedDomains: [])
        )
    }

    @Test("a bearer read before an invalidation is not kept; one read after it is")
    func generation() {
        let cache = BearerCache()
        let (missing, before) = cache.lookup("h")
        #expect(missing == nil)
        cache.invalidate()
        cache.insert(Self.bearer("h"), hash: "h", generation: before)
        #expect(cache.lookup("h").bearer == nil)
        let (_, after) = cache.lookup("h")
        cache.insert(Self.bearer("h"), hash: "h", generation: after)
        #expect(cache.lookup("h").bearer?.token.hash == "h")
        cache.invalidate()
        #expect(cache.lookup("h").bearer == nil)
    }

    @Test("an entry is dropped once its lifetime is over")
    func lifetime() async throws {
        // A clock the test moves, so that a loaded machine changes nothing.
        let clock = Mutex(ContinuousClock.now)
        let cache = BearerCache(lifetime: .seconds(1), now: { clock.withLock { $0 } })
        cache.insert(Self.bearer("h"), hash: "h", generation: cache.lookup("h").generation)
        clock.withLock { $0 = $0.advanced(by: .milliseconds(999)) }
        #expect(cache.lookup("h").bearer != nil)
        clock.withLock { $0 = $0.advanced(by: .milliseconds(1)) }
        #expect(cache.lookup("h").bearer == nil)
    }

    static func folder() throws -> URL {
        try TestFolder.make("directoryd-test")
    }

    /// A SQLite store with one organization. Its bearers stay cached for an
    /// hour, so that a slow step on a loaded machine changes nothing.
    static func store(in folder: URL) async throws -> (SQLiteDirectoryStore, Organization) {
        let store = try SQLiteDirectoryStore(path: folder.appendingPathComponent("directory.sqlite").path, bearerLifetime: .seconds(3600))
        let organization = Organization(name: "Acme", deployment: "us", plan: Plan(name: "test", seatLimit: 10))
        try await store.createOrganization(organization)
        return (store, organization)
    }

    @Test("the SQLite store forgets a bearer when its token is revoked or its organization's rules change")
    func invalidation() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, organization) = try await Self.store(in: folder)
        try await Self.expectInvalidation(store, organization)
    }

    @Test(
        "the PostgreSQL store forgets a bearer when its token is revoked or its organization's rules change",
        .enabled(if: TestStores.kind == "postgres"))
    func postgresInvalidation() async throws {
        let store = try await PostgresDirectoryStore(url: try await TestStores.postgres.newDatabase(), bearerLifetime: .seconds(3600))
        let organization = Organization(name: "Acme", deployment: "us", plan: Plan(name: "test", seatLimit: 10))
        try await store.createOrganization(organization)
        let hash = try await Self.expectInvalidation(store, organization)
        #expect(try await store.setPlan(Plan(name: "more", seatLimit: 20), organizationID: organization.id))
        #expect(try await store.bearer(hash: hash)?.organization.plan.seatLimit == 20)
        try await store.addDomain(Domain(organizationID: organization.id, name: "example.org", token: "t", createdAt: Date()))
        try await store.verifyDomain("example.org", organizationID: organization.id)
        #expect(try await store.bearer(hash: hash)?.rules.verifiedDomains == ["example.org"])
        #expect(try await store.removeDomain("example.org", organizationID: organization.id))
        #expect(try await store.bearer(hash: hash)?.rules.verifiedDomains.isEmpty == true)
    }

    /// Reads a bearer, changes what it holds through the same store, and
    /// expects the change on the next read at once (the store's bearers
    /// would otherwise stay cached for the hour the tests give them).
    /// Returns the hash of the token it saved.
    @discardableResult
    static func expectInvalidation(_ store: any DirectoryStore, _ organization: Organization) async throws -> String {
        let token = AccessTokens.mint(), hash = AccessTokens.hash(token)
        try await store.saveToken(AccessTokenRecord(hash: hash, organizationID: organization.id, scopes: [.usersRead], label: "test"))
        #expect(try await store.bearer(hash: hash)?.rules.fields.isEmpty == true)
        try await store.addField(FieldRule(name: "badge", kind: .text), organizationID: organization.id)
        #expect(try await store.bearer(hash: hash)?.rules.fields.map(\.name) == ["badge"])
        #expect(try await store.bearer(hash: hash)?.token.revokedAt == nil)
        try await store.revokeToken(hash: hash, at: Date())
        #expect(try await store.bearer(hash: hash)?.token.revokedAt != nil)
        return hash
    }

    @Test("creating users (which counts the organization's seats) keeps the cached bearers")
    func seatsKeepTheCache() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (store, organization) = try await Self.store(in: folder)
        let hash = AccessTokens.hash(AccessTokens.mint())
        try await store.saveToken(AccessTokenRecord(hash: hash, organizationID: organization.id, scopes: [.usersWrite], label: "test"))
        _ = try await store.bearer(hash: hash)
        let service = UserService(store: store, organization: organization, baseURL: "http://localhost/scim/v2")
        _ = try await service.create(try JSON(parsing: #"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "a"}"#))
        #expect(store.bearers.lookup(hash).bearer != nil)
        #expect(try await store.setPlan(Plan(name: "more", seatLimit: 20), organizationID: organization.id))
        #expect(store.bearers.lookup(hash).bearer == nil)
    }
}
