import Testing

@testable import SyncEngine

@Suite struct PlannerMemberTests {
    let ada = Fixture.user("ada")
    let bob = Fixture.user("bob")

    @Test func membershipChangesAreDeltas() {
        let state = Fixture.synced([ada, bob, Fixture.group("staff", members: ["a-ada"])])
        let plan = Planner.plan(
            events: Fixture.snapshot([ada, bob, Fixture.group("staff", members: ["a-bob"])]), state: state,
            settings: Fixture.settings())
        #expect(plan.summary == ["add g-staff a-bob", "remove g-staff a-ada"])
    }

    @Test func linkedGroupLosesOnlyMembersTheAgentAdded() {
        var state = Fixture.synced([ada, bob])
        state.links["g-staff"] = Link(kind: .group, targetID: "existing", origin: .linked)
        state.membersWritten["g-staff"] = ["a-ada"]  // bob and hand-added members were there before
        let plan = Planner.plan(
            events: Fixture.snapshot([ada, bob, Fixture.group("staff")]), state: state, settings: Fixture.settings())
        #expect(plan.summary.filter { $0.hasPrefix("remove") } == ["remove g-staff a-ada"])
    }

    @Test func incrementalMemberDelta() {
        let state = Fixture.synced([ada, bob, Fixture.group("staff", members: ["a-ada"])])
        let plan = Planner.plan(
            events: [.memberDelta(group: "g-staff", added: ["a-bob"], removed: ["a-ada"])], state: state,
            settings: Fixture.settings())
        #expect(plan.summary == ["add g-staff a-bob", "remove g-staff a-ada"])
    }

    @Test func membersOutsideScopeAreSkippedAndCounted() {
        let staff = Fixture.group("staff", members: ["a-ada", "a-elsewhere"], unresolved: ["CN=S-1-5-21,CN=ForeignSecurityPrincipals"])
        let plan = Planner.plan(events: Fixture.snapshot([ada, staff]), state: SyncState(), settings: Fixture.settings())
        #expect(plan.summary.last == "add g-staff a-ada")
        #expect(plan.membersOutOfScope == ["g-staff": 2])
    }

    @Test func memberNotWrittenIsLeftOutUntilItIs() {
        let noMail = Fixture.user("eve", mail: "")
        let staff = Fixture.group("staff", members: ["a-ada", "a-eve"])
        let plan = Planner.plan(events: Fixture.snapshot([ada, noMail, staff]), state: SyncState(), settings: Fixture.settings())
        #expect(plan.summary.last == "add g-staff a-ada")
        #expect(plan.membersPending == ["g-staff": 1])
        let state = Fixture.apply(plan, to: SyncState())
        let fixed = Planner.plan(events: Fixture.snapshot([ada, Fixture.user("eve"), staff]), state: state, settings: Fixture.settings())
        #expect(fixed.summary == ["create user a-eve", "add g-staff a-eve"])
    }

    @Test func nestedGroupsAreKeptAndCyclesEnd() {
        let a = Fixture.group("a", members: ["a-ada", "g-b"])
        let b = Fixture.group("b", members: ["a-bob", "g-a"])
        let plan = Planner.plan(events: Fixture.snapshot([ada, bob, a, b]), state: SyncState(), settings: Fixture.settings())
        #expect(plan.summary.filter { $0.hasPrefix("add") } == ["add g-a a-ada,g-b", "add g-b a-bob,g-a"])
    }

    @Test func flattenedGroupsGetNestedUsersThroughCycles() {
        let a = Fixture.group("a", members: ["a-ada", "g-b"])
        let b = Fixture.group("b", members: ["a-bob", "g-a", "g-a"])
        let settings = Fixture.settings { $0.policies.nesting = .flatten }
        let plan = Planner.plan(events: Fixture.snapshot([ada, bob, a, b]), state: SyncState(), settings: settings)
        #expect(plan.summary.filter { $0.hasPrefix("add") } == ["add g-a a-ada,a-bob", "add g-b a-ada,a-bob"])
    }

    @Test func groupLeavingScopeGetsNoMemberChanges() {
        let state = Fixture.synced([ada, Fixture.group("staff", members: ["a-ada"])])
        let plan = Planner.plan(events: Fixture.snapshot([ada]), state: state, settings: Fixture.settings {
            $0.baseDNs = [Fixture.people]
        })
        #expect(plan.summary == ["delete g-staff"])
    }

    /// A linked user that a condition keeps from being updated (here a new
    /// duplicate of its address) stays a member of its groups.
    @Test func linkedUserWithAConditionKeepsItsMemberships() {
        let staff = Fixture.group("staff", members: ["a-ada"])
        let state = Fixture.synced([ada, staff])
        let copy = Fixture.user("copy", mail: "ada@example.com")
        let plan = Planner.plan(events: Fixture.snapshot([ada, copy, staff]), state: state, settings: Fixture.settings())
        #expect(plan.actions.isEmpty)
        #expect(plan.codes == [.duplicateInSource, .duplicateInSource])
    }

    @Test func deletedByPolicyLeavesItsGroups() {
        let staff = Fixture.group("staff", members: ["a-ada", "a-bob"])
        let state = Fixture.synced([ada, bob, staff])
        let lockedBob = Fixture.user("bob", extra: ["pwdAccountLockedTime": ["20240101000000Z"]])
        let plan = Planner.plan(
            events: Fixture.snapshot([ada, lockedBob, staff]), state: state,
            settings: Fixture.settings { $0.policies.userDisabled = .delete })
        #expect(plan.summary == ["remove g-staff a-bob", "delete a-bob"])
    }
}
