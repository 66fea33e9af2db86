import DirectoryServer
import Foundation
import Testing

/// `--database …?sslmode=…&sslrootcert=…` against the test server, which
/// scripts/postgres-test-server starts with TLS and a self-signed certificate.
@Suite("PostgreSQL over TLS", .enabled(if: TestStores.kind == "postgres"))
struct PostgresTLSTests {
    static func open(_ query: String) async throws -> PostgresDirectoryStore {
        let url = try await TestStores.postgres.newDatabase() + query
        return try await withThrowingTaskGroup(of: PostgresDirectoryStore.self) { group in
            group.addTask { try await PostgresDirectoryStore(url: url) }
            // A guard against a hang, not a measure: the suite's other
            // PostgreSQL tests run alongside, and on a loaded machine a
            // connection and migration took more than 20 s once.
            group.addTask {
                try await Task.sleep(for: .seconds(90))
                throw TestStores.TestStoreError.missing("no answer within 90 s")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    @Test("verify-full with the server's CA connects; without it the certificate is refused")
    func verifyFull() async throws {
        let ca = try #require(ProcessInfo.processInfo.environment["POSTGRES_TEST_CA"], "scripts/postgres-test-server writes POSTGRES_TEST_CA")
        let store = try await Self.open("?sslmode=verify-full&sslrootcert=\(ca)")
        let organization = Organization(name: "TLS", deployment: "us", plan: Plan(name: "p", seatLimit: 1))
        try await store.createOrganization(organization)
        #expect(try await store.organization(id: organization.id)?.name == "TLS")
        let refused = await #expect(throws: DirectoryError.self) { _ = try await Self.open("?sslmode=verify-full") }
        #expect(refused?.description.contains("cannot connect to PostgreSQL at 127.0.0.1") == true)
        #expect(refused?.description.localizedCaseInsensitiveContains("certificate") == true, "\(String(describing: refused))")
    }

    @Test("require encrypts without checking; a wrong sslmode or a missing root file is a clear error")
    func requireAndMistakes() async throws {
        _ = try await Self.open("?sslmode=require")
        let mode = await #expect(throws: DirectoryError.self) { _ = try await Self.open("?sslmode=sometimes") }
        #expect(mode?.description.contains("sslmode must be") == true)
        let file = await #expect(throws: DirectoryError.self) { _ = try await Self.open("?sslmode=verify-ca&sslrootcert=/nonexistent.pem") }
        #expect(file?.description.contains("/nonexistent.pem") == true)
    }
}
