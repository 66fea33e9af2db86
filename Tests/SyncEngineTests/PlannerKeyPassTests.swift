import Foundation
import Testing

@testable import SyncEngine

/// The duplicate check's key pass runs on two threads from 2,000 users on
/// (`PlanBuilder.keyHashes`): a pair of duplicates split between the halves
/// is found like one within a half.
@Suite struct PlannerKeyPassTests {
    @Test func duplicatesAcrossAndWithinTheHalvesAreFound() {
        var users = (0..<3_000).map { index in Fixture.user(String(format: "u%04d", index)) }
        // The first and the last user share an email (one in each half);
        // two users in the middle share a userName (their uid).
        users[0] = Fixture.user("u0000", mail: "shared@example.com")
        users[2_999] = Fixture.user("u2999", mail: "SHARED@example.com")
        users[1_500] = Fixture.user("u1500", extra: ["uid": ["same"]])
        users[1_501] = Fixture.user("u1501", extra: ["uid": ["Same"]])
        let plan = Planner.plan(events: Fixture.snapshot(users), state: SyncState(), settings: Fixture.settings())
        let duplicates = plan.conditions.filter { $0.code == .duplicateInSource }
        #expect(duplicates.compactMap(\.anchor).sorted() == ["a-u0000", "a-u1500", "a-u1501", "a-u2999"])
        #expect(plan.actions.count == 2_996)
    }
}
