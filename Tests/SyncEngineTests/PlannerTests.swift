import Foundation
import SCIM
import Testing

@testable import SyncEngine

@Suite struct PlannerTests {
    let ada = Fixture.user("ada")
    let bob = Fixture.user("bob")

    @Test func firstRunCreatesUsersThenGroupsThenMembers() {
        let staff = Fixture.group("staff", members: ["a-ada", "a-bob"])
        let plan = Planner.plan(events: Fixture.snapshot([staff, bob, ada]), state: SyncState(), settings: Fixture.settings())
        #expect(plan.summary == ["create user a-ada", "create user a-bob", "create group g-staff", "add g-staff a-ada,a-bob"])
        #expect(plan.conditions.isEmpty)
        #expect(plan.baseDNCounts == [Fixture.people: 2, Fixture.groups: 1])
        guard case .create(_, _, let fields, _) = plan.actions[0] else { Issue.record("not a create"); return }
        #expect(fields.contains(FieldAssignment("userName", .json("ada"))))
        #expect(fields.contains(FieldAssignment("emails", .json(["ada@example.com"]))))
    }

    @Test func unchangedSourcePlansNothing() {
        let objects = [ada, bob, Fixture.group("staff", members: ["a-ada"])]
        let state = Fixture.synced(objects)
        let plan = Planner.plan(events: Fixture.snapshot(objects), state: state, settings: Fixture.settings())
        #expect(plan.actions.isEmpty)
    }

    @Test func changedAttributeUpdatesOnlyThatField() {
        let state = Fixture.synced([ada])
        let renamed = Fixture.user("ada", cn: "Ada King")
        let plan = Planner.plan(events: Fixture.snapshot([renamed]), state: state, settings: Fixture.settings())
        #expect(plan.summary == ["update a-ada set displayName remove "])
        guard case .update(_, _, let targetID, let set, _, _) = plan.actions.first else { return }
        #expect(targetID == "t-a-ada")
        #expect(set == [FieldAssignment("displayName", .json("Ada King"))])
    }

    @Test func attributeRemovedInSourceRemovesTheField() {
        let state = Fixture.synced([Fixture.user("ada", extra: ["title": ["Countess"]])])
        let plan = Planner.plan(events: Fixture.snapshot([ada]), state: state, settings: Fixture.settings())
        #expect(plan.summary == ["update a-ada set  remove title"])
    }

    @Test func mappingChangeUpdatesAffectedObjects() {
        let state = Fixture.synced([ada, bob])
        let settings = Fixture.settings { settings in
            settings.mapping.users[2].transforms = [.first, .upper]  // displayName
        }
        let plan = Planner.plan(events: Fixture.snapshot([ada, bob]), state: state, settings: settings)
        #expect(plan.summary == ["update a-ada set displayName remove ", "update a-bob set displayName remove "])
        #expect(plan.mappingVersion != Fixture.settings().mapping.version)
    }

    /// A mapping change that leaves every value as it was still rewrites
    /// the mapped fields once, and is then settled.
    @Test func mappingChangeWithEqualValuesRewritesOnce() {
        let state = Fixture.synced([ada])
        let settings = Fixture.settings { settings in
            settings.mapping.users[1].transforms = [.lower, .first]  // emails: same values
        }
        let plan = Planner.plan(events: Fixture.snapshot([ada]), state: state, settings: settings)
        guard case .update(_, _, _, let set, _, _) = plan.actions.first else { Issue.record("no update"); return }
        #expect(set.map(\.field).sorted() == ["displayName", "emails", "name.familyName", "userName"])
        let after = Fixture.apply(plan, to: state)
        #expect(Planner.plan(events: Fixture.snapshot([ada]), state: after, settings: settings).actions.isEmpty)
    }

    @Test func absenceWithoutSnapshotCompleteRemovesNothing() {
        let state = Fixture.synced([ada, bob])
        let plan = Planner.plan(events: [.upsert(ada)], state: state, settings: Fixture.settings())
        #expect(plan.actions.isEmpty)
    }

    @Test func absenceAfterSnapshotCompleteIsLeavingScope() {
        let state = Fixture.synced([ada, bob])
        let plan = Planner.plan(events: Fixture.snapshot([ada]), state: state, settings: Fixture.settings())
        #expect(plan.summary == ["deactivate a-bob"])
        let again = Planner.plan(events: Fixture.snapshot([ada]), state: Fixture.apply(plan, to: state), settings: Fixture.settings())
        #expect(again.actions.isEmpty, "a deactivated user is not deactivated twice")
    }

    @Test func renameAndMoveKeepTheAnchor() {
        let state = Fixture.synced([ada])
        var moved = Fixture.user("ada", cn: "Ada L.")
        moved.dn = "uid=ada,ou=Research,ou=People,dc=example,dc=com"
        let plan = Planner.plan(events: Fixture.snapshot([moved]), state: state, settings: Fixture.settings())
        #expect(plan.summary == ["update a-ada set displayName remove "])
    }

    @Test func deleteThenRestoreInOneBatchIsAnUpsert() {
        let state = Fixture.synced([ada])
        let plan = Planner.plan(events: [.delete("a-ada"), .upsert(ada)], state: state, settings: Fixture.settings())
        #expect(plan.actions.isEmpty)
    }

    @Test func excludedObjectLeavesScope() {
        let state = Fixture.synced([ada, bob])
        let settings = Fixture.settings { settings in
            settings.exclusions["ldap"] = [AttributeRule(attribute: "uid", operator: .equals, values: ["BOB"])]
        }
        let plan = Planner.plan(events: [.upsert(ada), .upsert(bob)], state: state, settings: settings)
        #expect(plan.summary == ["deactivate a-bob"])
    }

    @Test func planIsCodable() throws {
        let staff = Fixture.group("staff", members: ["a-ada", "a-nobody"])
        let plan = Planner.plan(
            events: Fixture.snapshot([ada, Fixture.user("eve", mail: ""), staff]), state: SyncState(),
            settings: Fixture.settings())
        #expect(!plan.conditions.isEmpty && !plan.membersOutOfScope.isEmpty)
        let data = try JSONEncoder().encode(plan)
        #expect(try JSONDecoder().decode(Plan.self, from: data) == plan)
    }

    @Test func samePlanForSameInput() {
        let objects = [ada, bob, Fixture.group("staff", members: ["a-bob", "a-ada"])]
        let first = Planner.plan(events: Fixture.snapshot(objects), state: SyncState(), settings: Fixture.settings())
        let second = Planner.plan(events: Fixture.snapshot(objects.reversed()), state: SyncState(), settings: Fixture.settings())
        #expect(first == second)
    }
}
