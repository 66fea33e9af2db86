import Testing

@testable import SyncEngine

@Suite struct PlannerPolicyTests {
    let ada = Fixture.user("ada")
    let bob = Fixture.user("bob")
    var lockedBob: SourceObject { Fixture.user("bob", extra: ["pwdAccountLockedTime": ["20240101000000Z"]]) }

    @Test(arguments: [
        (RemovalPolicy.deactivate, ["deactivate a-bob"]), (.delete, ["delete a-bob"]), (.nothing, [String]()),
    ])
    func disabledUser(policy: RemovalPolicy, expected: [String]) {
        let state = Fixture.synced([ada, bob])
        let settings = Fixture.settings { $0.policies.userDisabled = policy }
        let plan = Planner.plan(events: Fixture.snapshot([ada, lockedBob]), state: state, settings: settings)
        #expect(plan.summary == expected)
    }

    @Test func reenabledUserIsReactivated() {
        var state = Fixture.synced([ada, bob])
        let disable = Planner.plan(events: Fixture.snapshot([ada, lockedBob]), state: state, settings: Fixture.settings())
        state = Fixture.apply(disable, to: state)
        #expect(state.links["a-bob"]?.active == false)
        let enable = Planner.plan(events: Fixture.snapshot([ada, bob]), state: state, settings: Fixture.settings())
        #expect(enable.summary == ["update a-bob set active remove "])
    }

    @Test func disabledUserNeverWrittenIsNotCreated() {
        let plan = Planner.plan(events: Fixture.snapshot([lockedBob]), state: SyncState(), settings: Fixture.settings())
        #expect(plan.actions.isEmpty)
    }

    @Test(arguments: [
        (RemovalPolicy.deactivate, ["deactivate a-bob"]), (.delete, ["delete a-bob"]), (.nothing, [String]()),
    ])
    func deletedUser(policy: RemovalPolicy, expected: [String]) {
        let state = Fixture.synced([ada, bob])
        let settings = Fixture.settings { $0.policies.userDeleted = policy }
        let plan = Planner.plan(events: [.delete("a-bob")], state: state, settings: settings)
        #expect(plan.summary == expected)
    }

    @Test func groupPolicies() {
        let staff = Fixture.group("staff")
        let state = Fixture.synced([ada, staff])
        let deleted = Planner.plan(events: [.delete("g-staff")], state: state, settings: Fixture.settings())
        #expect(deleted.summary == ["delete g-staff"])
        let kept = Planner.plan(
            events: Fixture.snapshot([ada]), state: state, settings: Fixture.settings { $0.policies.groupLeftScope = .nothing })
        #expect(kept.actions.isEmpty)
    }

    @Test func onlyLinkedObjectsAreEverRemoved() {
        let state = Fixture.synced([ada])
        let target = TargetDirectory(entries: [.init(id: "hand-made", userName: "carol")])
        let plan = Planner.plan(events: Fixture.snapshot([]), state: state, settings: Fixture.settings {
            $0.baseDNs = []
        }, target: target)
        #expect(plan.summary == ["deactivate a-ada"])
    }

    @Test(arguments: [Policies.TargetMissing.recreate, .forget])
    func targetMissing(policy: Policies.TargetMissing) {
        var state = Fixture.synced([ada])
        state.links["a-ada"]?.missingInTarget = true
        let plan = Planner.plan(
            events: Fixture.snapshot([ada]), state: state, settings: Fixture.settings { $0.policies.targetMissing = policy })
        #expect(plan.summary == (policy == .recreate ? ["create user a-ada"] : ["unlink a-ada"]))
        #expect(plan.codes == [.targetMissing])
    }
}
