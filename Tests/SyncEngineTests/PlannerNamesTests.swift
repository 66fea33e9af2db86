import SCIM
import Testing

@testable import SyncEngine

/// How plans name objects: the anchor alone tells an administrator nothing.
@Suite struct PlannerNamesTests {
    @Test("a condition names the entry by its DN, and a duplicate names the other entry by its DN too")
    func conditionsByDN() {
        let ada = Fixture.user("ada", mail: "shared@example.com"), bob = Fixture.user("bob", mail: "shared@example.com")
        let plan = Planner.plan(events: Fixture.snapshot([ada, bob]), state: SyncState(), settings: Fixture.settings())
        let duplicates = plan.conditions.filter { $0.code == .duplicateInSource }
        #expect(duplicates.map(\.name) == ["uid=ada,\(Fixture.people)", "uid=bob,\(Fixture.people)"])
        #expect(duplicates.first?.detail.hasSuffix("is also that of uid=bob,\(Fixture.people)") == true, "\(duplicates)")
    }

    @Test("actions on objects written before are named by the name last written; a rename by the new one")
    func actionsOnWrittenObjects() throws {
        let ada = Fixture.user("ada"), bob = Fixture.user("bob"), cy = Fixture.user("cy")
        let staff = Fixture.group("staff", members: ["a-ada", "a-bob"])
        let state = Fixture.synced([ada, bob, cy, staff])
        // ada renamed (uid), bob's title changed, cy deleted, staff loses bob.
        let renamed = Fixture.user("ada", extra: ["uid": ["ada.king"]])
        let changed = Fixture.user("bob", extra: ["title": ["Engineer"]])
        let events = Fixture.snapshot([renamed, changed, Fixture.group("staff", members: ["a-ada"])])
        let plan = Planner.plan(events: events, state: state, settings: Fixture.settings())
        var names: [String: String] = [:]
        for action in plan.actions { names["\(action.name.rawValue) \(action.anchor.rawValue)"] = plan.name(of: action) }
        #expect(names == [
            "update a-ada": "ada.king", "update a-bob": "bob", "deactivate a-cy": "cy", "member-remove g-staff": "staff",
        ], "\(plan.summary)")
        // What the fields name is not repeated in `names`.
        #expect(plan.names == ["a-bob": "bob", "a-cy": "cy", "g-staff": "staff"])
    }

    @Test("an object the plan creates is named by its create alone; links written before names were kept fall back to the userName")
    func createsAndOldLinks() {
        let plan = Planner.plan(
            events: Fixture.snapshot([Fixture.user("ada"), Fixture.group("staff", members: ["a-ada"])]), state: SyncState(),
            settings: Fixture.settings())
        #expect(plan.names.isEmpty)
        #expect(plan.actions.compactMap(plan.name(of:)) == ["ada", "staff"], "\(plan.summary)")

        var state = Fixture.synced([Fixture.user("ada"), Fixture.user("bob")])
        for anchor in state.links.keys { state.links[anchor]?.name = "" }
        let removal = Planner.plan(events: Fixture.snapshot([Fixture.user("ada")]), state: state, settings: Fixture.settings())
        #expect(removal.names == ["a-bob": "bob"], "\(removal.summary)")
    }
}
