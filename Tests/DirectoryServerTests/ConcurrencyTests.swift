import DirectoryServer
import Foundation
import SCIM
import Testing

/// Rules that must hold when requests race: enforced by the store (unique
/// index, organization row lock, single SQLite writer), never by a check in
/// the caller. Runs on both stores (scripts/test).
@Suite("Concurrent requests")
struct ConcurrencyTests {
    static func service(_ fixture: Fixture) -> UserService {
        UserService(store: fixture.store, organization: fixture.organization, baseURL: "http://test/scim/v2")
    }

    static func body(_ userName: String) throws -> JSON {
        try JSON(parsing: userBody(userName))
    }

    /// How many of `attempts` concurrent creates succeed, and the reasons of the others.
    static func race(_ fixture: Fixture, attempts: Int, userName: (Int) -> String) async throws -> (created: Int, reasons: [String]) {
        let service = Self.service(fixture)
        return try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<attempts {
                let body = try Self.body(userName(index))
                group.addTask {
                    do {
                        _ = try await service.create(body)
                        return nil
                    } catch let error as DirectoryError {
                        return error.scimError.reason?.rawValue ?? "status \(error.scimError.status)"
                    }
                }
            }
            var created = 0
            var reasons: [String] = []
            for try await outcome in group {
                if let outcome { reasons.append(outcome) } else { created += 1 }
            }
            return (created, reasons)
        }
    }

    @Test("of 12 concurrent creates of one userName (in different cases), exactly one wins")
    func sameUserName() async throws {
        let fixture = try await Fixture.make()
        let (created, reasons) = try await Self.race(fixture, attempts: 12) { index in
            index % 2 == 0 ? "race@example.test" : "RACE@example.test"
        }
        #expect(created == 1)
        #expect(reasons == Array(repeating: "already-exists", count: 11))
    }

    @Test("with one seat left, of 8 concurrent creates exactly one wins")
    func lastSeat() async throws {
        let fixture = try await Fixture.make(seats: 3)
        _ = try await Self.service(fixture).create(try Self.body("one@example.test"))
        _ = try await Self.service(fixture).create(try Self.body("two@example.test"))
        let (created, reasons) = try await Self.race(fixture, attempts: 8) { "seat\($0)@example.test" }
        #expect(created == 1)
        #expect(reasons == Array(repeating: "plan-limit", count: 7))
    }
}

@Suite("Plans")
struct PlanTests {
    @Test("a new seat limit applies to the next activation")
    func setPlan() async throws {
        let fixture = try await Fixture.make(seats: 1)
        let service = UserService(store: fixture.store, organization: fixture.organization, baseURL: "http://test/scim/v2")
        _ = try await service.create(try JSON(parsing: userBody("first@example.test")))
        #expect(try await fixture.store.setPlan(Plan(name: "bigger", seatLimit: 2), organizationID: fixture.organization.id))
        let updated = try #require(try await fixture.store.organization(id: fixture.organization.id))
        #expect(updated.plan == Plan(name: "bigger", seatLimit: 2))
        let widened = UserService(store: fixture.store, organization: updated, baseURL: "http://test/scim/v2")
        _ = try await widened.create(try JSON(parsing: userBody("second@example.test")))
        #expect(try await !fixture.store.setPlan(Plan(name: "x", seatLimit: 1), organizationID: "no-such-organization"))
    }
}
