import Testing

@testable import SyncEngine

@Suite struct PlannerMatchTests {
    let ada = Fixture.user("ada")

    func plan(_ entry: TargetDirectory.Entry, _ change: (inout PlannerSettings) -> Void = { _ in }) -> Plan {
        Planner.plan(events: [.upsert(ada)], state: SyncState(), settings: Fixture.settings(change), target: TargetDirectory(entries: [entry]))
    }

    @Test func linksByExternalId() {
        let plan = plan(.init(id: "t1", externalId: "a-ada"))
        #expect(plan.summary == ["link a-ada t1"])
        #expect(plan.codes == [.alreadyExists])
        #expect(ConditionCatalogue.entry(.alreadyExists)?.isInformational == true)
    }

    @Test func linksByUserNameOrEmail() {
        #expect(plan(.init(id: "t1", userName: "ADA")) { $0.match.by = .userName }.summary == ["link a-ada t1"])
        #expect(plan(.init(id: "t1", emails: ["Ada@Example.com"])) { $0.match.by = .email }.summary == ["link a-ada t1"])
        #expect(plan(.init(id: "t1", userName: "ada")) { $0.match.by = .none }.summary == ["create user a-ada"])
    }

    @Test func neverLinksAPrivilegedAccount() {
        let plan = plan(.init(id: "owner", userName: "ada", isPrivileged: true)) { $0.match.by = .userName }
        #expect(plan.actions.isEmpty)
        #expect(plan.codes == [.linkRefusedPrivileged])
    }

    @Test func withoutRoleInformationLinksOnlyWhenAllowed() {
        let unknown = TargetDirectory.Entry(id: "t1", userName: "ada", isPrivileged: nil)
        #expect(plan(unknown) { $0.match.by = .userName }.summary == ["create user a-ada"])
        let allowed = plan(unknown) {
            $0.match.by = .userName
            $0.match.linkWithoutRoleInformation = true
        }
        #expect(allowed.summary == ["link a-ada t1"])
    }

    @Test func alreadyLinkedTargetObjectIsNotLinkedTwice() {
        var state = SyncState()
        state.links["a-other"] = Link(kind: .user, targetID: "t1", origin: .created)
        let plan = Planner.plan(
            events: [.upsert(ada)], state: state, settings: Fixture.settings { $0.match.by = .userName },
            target: TargetDirectory(entries: [.init(id: "t1", userName: "ada")]))
        #expect(plan.summary == ["create user a-ada"])
    }
}
