import Testing

@testable import SyncEngine

@Suite struct PlannerSafetyTests {
    let people = (1...10).map { Fixture.user("u\($0)") }

    @Test func readErrorKeepsCreatesAndDropsRemovals() {
        let state = Fixture.synced(Array(people.prefix(3)))
        let newcomer = Fixture.user("new")
        let events: [ChangeEvent] = [
            .upsert(newcomer), .upsert(people[0]),
            .readIncomplete(SourceReadProblem(code: .ldapSizeLimit, baseDN: Fixture.people, detail: "size limit 2")),
            .snapshotComplete,
        ]
        let plan = Planner.plan(events: events, state: state, settings: Fixture.settings())
        #expect(plan.summary == ["create user a-new"])
        #expect(plan.sourceReadIncomplete)
        #expect(plan.suppressedRemovals == 2)
        #expect(plan.codes == [.ldapSizeLimit, .sourceReadIncomplete])
        #expect(plan.baseDNCounts == nil, "an incomplete read is not the new reference count")
    }

    @Test func readErrorIsNotOverriddenByAllowDeletes() {
        let state = Fixture.synced(Array(people.prefix(3)))
        let events: [ChangeEvent] = [.readIncomplete(SourceReadProblem(detail: "noSuchObject")), .snapshotComplete]
        let plan = Planner.plan(events: events, state: state, settings: Fixture.settings { $0.allowDeletes = true })
        #expect(plan.actions.isEmpty)
    }

    @Test func baseDNThatReturnsNothingIsIncomplete() {
        let group = Fixture.group("staff", members: ["a-u1"])
        let state = Fixture.synced(people + [group])
        let plan = Planner.plan(events: Fixture.snapshot([group]), state: state, settings: Fixture.settings())
        #expect(plan.actions.isEmpty)
        #expect(plan.suppressedRemovals == 11, "10 deactivations and one member removal")
        let condition = plan.conditions.first
        #expect(condition?.code == .sourceReadIncomplete)
        #expect(condition?.attribute == Fixture.people)
    }

    @Test func dropBeyondTheShareIsIncomplete() {
        let state = Fixture.synced(people)
        let events = Fixture.snapshot(Array(people.prefix(4)))
        let settings = Fixture.settings { $0.baseDNs = [Fixture.people] }
        let plan = Planner.plan(events: events, state: state, settings: settings)
        #expect(plan.sourceReadIncomplete)
        #expect(plan.actions.isEmpty)
        let within = Planner.plan(events: Fixture.snapshot(Array(people.prefix(6))), state: state, settings: settings)
        #expect(!within.sourceReadIncomplete)
        #expect(within.actions.count == 4)
        let confirmed = Planner.plan(events: events, state: state, settings: Fixture.settings {
            $0.baseDNs = [Fixture.people]
            $0.allowDeletes = true
        })
        #expect(confirmed.actions.count == 6)
    }

    @Test func deletionLimitByCountStopsTheWholePlan() throws {
        let state = Fixture.synced(people)
        let settings = Fixture.settings {
            $0.safety.deletionLimitCount = 2
            $0.safety.sourceDropPercentage = 100
        }
        let events = Fixture.snapshot(Array(people.prefix(7)) + [Fixture.user("new")])
        let plan = Planner.plan(events: events, state: state, settings: settings)
        let blocked = try #require(plan.blockedBy)
        #expect(blocked.code == .deletionLimit)
        #expect(blocked.detail.contains("deactivate 3 of 10"))
        #expect(Fixture.apply(plan, to: state) == state, "a blocked plan writes nothing, not even its creates")
        let allowed = Planner.plan(events: events, state: state, settings: Fixture.settings {
            $0.safety.deletionLimitCount = 2
            $0.safety.sourceDropPercentage = 100
            $0.allowDeletes = true
        })
        #expect(allowed.blockedBy == nil)
        #expect(allowed.actions.count == 4)
    }

    @Test func deletionLimitByPercentage() {
        let state = Fixture.synced(people)
        let settings = Fixture.settings { $0.safety.deletionLimitPercentage = 10 }
        let two = Planner.plan(events: Fixture.snapshot(Array(people.prefix(8))), state: state, settings: settings)
        #expect(two.blockedBy?.code == .deletionLimit)
        let one = Planner.plan(events: Fixture.snapshot(Array(people.prefix(9))), state: state, settings: settings)
        #expect(one.blockedBy == nil)
    }
}
