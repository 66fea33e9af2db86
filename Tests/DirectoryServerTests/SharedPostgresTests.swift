import Foundation
import NIOHTTP1
import SCIM
import Testing
import TestSupport

/// Two stateless `directoryd` processes serving one PostgreSQL database:
/// the rules hold across processes because the database enforces them.
@Suite("Processes sharing PostgreSQL", .serialized, .enabled(if: TestStores.kind == "postgres"))
struct SharedPostgresTests {
    static func pair() async throws -> (DirectorydProcess, DirectorydProcess) {
        let url = try await TestStores.postgres.newDatabase()
        let first = try DirectorydProcess(database: url), second = try DirectorydProcess(database: url)
        try await first.serve()
        try await second.serve()
        return (first, second)
    }

    @Test("creates of one userName through both processes at once: exactly one wins")
    func sameUserName() async throws {
        let (first, second) = try await Self.pair()
        defer { first.stop(); second.stop() }
        let organization = try await first.organization("Acme", seats: 1000)
        for round in 0..<10 {
            let body = #"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "same\#(round)"}"#
            async let a = first.request(.POST, "/scim/v2/Users", token: organization.token, body: body)
            async let b = second.request(.POST, "/scim/v2/Users", token: organization.token, body: body)
            let answers = [try await a, try await b]
            #expect(answers.map(\.status).sorted() == [201, 409], "round \(round)")
            #expect(answers.contains { $0.reason == "already-exists" })
        }
    }

    @Test("creates through both processes when one seat is left: exactly one wins")
    func lastSeat() async throws {
        let (first, second) = try await Self.pair()
        defer { first.stop(); second.stop() }
        let organization = try await first.organization("Acme", seats: 10)
        var tasks: [Task<DirectorydProcess.Answer, any Error>] = []
        for index in 0..<10 {
            let server = index.isMultiple(of: 2) ? first : second
            let body = #"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "seat\#(index)"}"#
            tasks.append(Task { try await server.request(.POST, "/scim/v2/Users", token: organization.token, body: body) })
        }
        for task in tasks { _ = try await task.value }
        // Ten users hold the ten seats; now race two more for none.
        try await first.admin(["plan", "set", "--org", organization.id, "--plan", "test", "--seats", "11"])
        async let a = first.request(.POST, "/scim/v2/Users", token: organization.token, body: #"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "x"}"#)
        async let b = second.request(.POST, "/scim/v2/Users", token: organization.token, body: #"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "y"}"#)
        let answers = [try await a, try await b]
        #expect(answers.map(\.status).sorted() == [201, 403])
        #expect(answers.contains { $0.reason == "plan-limit" })
    }
}
