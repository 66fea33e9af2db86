import DirectoryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import SCIM
import Testing
import TestSupport

/// A directory on a fresh SQLite file with one organization and a token,
/// and helpers to call its SCIM API through the router.
struct Fixture {
    let store: any DirectoryStore
    let organization: Organization
    let token: String

    static func make(seats: Int = 100, scopes: Set<Scope> = Set(Scope.allCases)) async throws -> Fixture {
        let store = try await TestStores.make()
        let organization = Organization(name: "Acme", deployment: "us", plan: Plan(name: "test", seatLimit: seats))
        try await store.createOrganization(organization)
        let token = try await Self.mintToken(store, organization: organization, scopes: scopes)
        return Fixture(store: store, organization: organization, token: token)
    }

    static func mintToken(_ store: any DirectoryStore, organization: Organization, scopes: Set<Scope> = Set(Scope.allCases)) async throws -> String {
        let token = AccessTokens.mint()
        try await store.saveToken(AccessTokenRecord(hash: AccessTokens.hash(token), organizationID: organization.id, scopes: scopes, label: "test"))
        return token
    }

    var application: some ApplicationProtocol {
        Application(router: DirectoryApplication.router(store: store, configuration: DirectoryServerConfiguration()))
    }
}

/// The store the suite runs on: a fresh SQLite file per test, or, with
/// DIRECTORYD_TEST_STORE=postgres (scripts/test runs the suite both ways),
/// a fresh database per test on the PostgreSQL server at POSTGRES_TEST_URL
/// (addresses are unique across a whole deployment, so tests cannot share
/// one).
enum TestStores {
    static var kind: String { ProcessInfo.processInfo.environment["DIRECTORYD_TEST_STORE"] ?? "sqlite" }

    static func make() async throws -> any DirectoryStore {
        switch kind {
        case "postgres":
            return try await PostgresDirectoryStore(url: try await postgres.newDatabase())
        default:
            let folder = try TestFolder.make("directoryd-test")
            return try SQLiteDirectoryStore(path: folder.appendingPathComponent("directory.sqlite").path)
        }
    }

    static let postgres = PostgresDatabases()

    /// Creates the tests' databases through one connection to the server's
    /// main test database; the first use drops those of earlier runs. The
    /// setup is one task every caller awaits: an actor lets other calls in
    /// while it waits on the server, and a database created meanwhile must
    /// not be taken for an old one and dropped.
    actor PostgresDatabases {
        private var setup: Task<(client: PostgresClient, url: URLComponents), any Error>?
        private var runner: Task<Void, Never>?

        func newDatabase() async throws -> String {
            let (admin, baseURL) = try await connect()
            let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            var url = baseURL
            url.path = "/" + name
            return try #require(url.string)
        }

        private func connect() async throws -> (client: PostgresClient, url: URLComponents) {
            if let setup { return try await setup.value }
            guard let text = ProcessInfo.processInfo.environment["POSTGRES_TEST_URL"], let url = URLComponents(string: text),
                  let host = url.host
            else {
                throw TestStoreError.missing("POSTGRES_TEST_URL is not set: run the suite through scripts/test")
            }
            let client = PostgresClient(configuration: .init(
                host: host, port: url.port ?? 5432, username: url.user ?? "postgres", password: url.password,
                database: String(url.path.dropFirst()), tls: .disable
            ))
            runner = Task { await client.run() }
            let task = Task {
                let old = try await client.query("SELECT datname FROM pg_database WHERE datname LIKE 't\\_%'")
                var names: [String] = []
                for try await name in old.decode(String.self) { names.append(name) }
                for name in names { try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name)")) }
                return (client: client, url: url)
            }
            setup = task
            return try await task.value
        }
    }

    enum TestStoreError: Error {
        case missing(String)
    }
}

/// One answer, with its body parsed.
struct SCIMAnswer {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let json: JSON?
    /// The body as it came.
    let body: [UInt8]

    var scimType: String? { json?["scimType"]?.stringValue }
    var reason: String? { json?["urn:ietf:params:scim:schemas:extension:directorysync:2.0:Error"]?["reason"]?.stringValue }
}

extension TestClientProtocol {
    func scim(
        _ method: HTTPRequest.Method, _ path: String, token: String?, body: String? = nil,
        contentType: String = "application/scim+json", headers extra: HTTPFields = [:]
    ) async throws -> SCIMAnswer {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = contentType }
        return try await execute(uri: "/scim/v2" + path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            let json = response.body.readableBytes > 0 ? try? JSON(parsing: response.body.readableBytesView) : nil
            return SCIMAnswer(status: response.status, headers: response.headers, json: json, body: Array(response.body.readableBytesView))
        }
    }
}

func userBody(_ userName: String, active: Bool? = nil, externalId: String? = nil) -> String {
    var fields = [#""schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]"#, #""userName": "\#(userName)""#]
    if let active { fields.append(#""active": \#(active)"#) }
    if let externalId { fields.append(#""externalId": "\#(externalId)""#) }
    return "{" + fields.joined(separator: ", ") + "}"
}
