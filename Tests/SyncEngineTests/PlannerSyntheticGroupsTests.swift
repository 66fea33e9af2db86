import SCIM
import Testing

@testable import SyncEngine

/// The groups the agent makes itself (`groups`): one per base DN and one of
/// all synced users, planned like any group the source reads.
@Suite struct PlannerSyntheticGroupsTests {
    static let contractors = "ou=Contractors,dc=example,dc=com"

    static func settings(allUsers: String? = "All users", perBaseDN: String? = "{rdn}") -> PlannerSettings {
        Fixture.settings {
            $0.baseDNs = [Fixture.people, contractors, Fixture.groups]
            $0.syntheticGroups = SyntheticGroupSettings(
                options: GroupOptions(allUsers: allUsers, perBaseDN: perBaseDN), baseDNs: $0.baseDNs)
        }
    }

    static let users = [
        Fixture.user("ada"), Fixture.user("bob"), Fixture.user("cy", baseDN: contractors),
    ]

    static func creates(_ plan: Plan) -> [Anchor: [FieldAssignment]] {
        Dictionary(uniqueKeysWithValues: plan.actions.compactMap { action in
            if case .create(.group, let anchor, let fields, _) = action { (anchor, fields) } else { nil }
        })
    }

    @Test func groupsPerBaseDNAndOfAllUsers() throws {
        let plan = Planner.plan(events: Fixture.snapshot(Self.users), state: SyncState(), settings: Self.settings())
        let created = Self.creates(plan)
        let people = SyntheticGroups.anchor(baseDN: Fixture.people)
        let contractors = SyntheticGroups.anchor(baseDN: Self.contractors)
        let groups = SyntheticGroups.anchor(baseDN: Fixture.groups)
        #expect(people == "ou-group:ou=people,dc=example,dc=com")
        #expect(Set(created.keys) == ["all-users", people, contractors, groups])
        #expect(created["all-users"] == [FieldAssignment("displayName", .json(.string("All users")))])
        #expect(created[people] == [FieldAssignment("displayName", .json(.string("People")))])
        #expect(plan.summary.contains("add all-users a-ada,a-bob,a-cy"))
        #expect(plan.summary.contains("add \(people) a-ada,a-bob"))
        #expect(plan.summary.contains("add \(contractors) a-cy"))
        #expect(!plan.summary.contains { $0.hasPrefix("add \(groups)") }, "a base DN of groups gets an empty group")
        // Not counted as objects of a base DN: the drop check sees the source's objects only.
        #expect(plan.baseDNCounts?[Fixture.people] == 2)
    }

    @Test func keptUpToDate() {
        let settings = Self.settings(perBaseDN: nil)
        let state = Fixture.synced(Self.users, settings: settings)
        #expect(state.membersWritten["all-users"] == ["a-ada", "a-bob", "a-cy"])
        let next = Self.users.dropFirst() + [Fixture.user("dee")]
        let plan = Planner.plan(events: Fixture.snapshot(Array(next)), state: state, settings: settings)
        #expect(plan.summary.contains("add all-users a-dee"))
        #expect(plan.summary.contains("remove all-users a-ada"))
        // Renaming the group keeps its anchor: an update, not a new group.
        let renamed = Planner.plan(
            events: Fixture.snapshot(Self.users), state: state, settings: Self.settings(allUsers: "Everyone", perBaseDN: nil))
        #expect(renamed.summary == ["update all-users set displayName remove "])
    }

    @Test func turnedOffTheGroupsLeaveTheScope() {
        let state = Fixture.synced(Self.users, settings: Self.settings())
        let plan = Planner.plan(events: Fixture.snapshot(Self.users), state: state, settings: Self.settings(allUsers: nil, perBaseDN: nil))
        #expect(plan.summary.filter { $0.hasPrefix("delete") }.count == 4)
    }

    @Test func excludedAndDisabledUsers() {
        let settings = Self.settings(perBaseDN: nil)
        var withRules = settings
        withRules.exclusions = ["ldap": [AttributeRule(attribute: "uid", operator: .equals, values: ["bob"])]]
        let locked = Fixture.user("cy", extra: ["pwdAccountLockedTime": ["20240101000000Z"]])
        let plan = Planner.plan(
            events: Fixture.snapshot([Fixture.user("ada"), Fixture.user("bob"), locked]), state: SyncState(), settings: withRules)
        // bob is out of scope; cy is disabled and never created, so pending.
        #expect(plan.summary.contains("add all-users a-ada"))
        #expect(plan.membersPending["all-users"] == 1)
    }

    @Test func onlyAfterAFullRead() {
        let settings = Self.settings(perBaseDN: nil)
        let state = Fixture.synced(Self.users, settings: settings)
        // An incremental read mentions one user: the group is left as it is.
        let plan = Planner.plan(events: [.upsert(Fixture.user("dee"))], state: state, settings: settings)
        #expect(!plan.summary.contains { $0.contains("all-users") })
        // A full read cut short adds members but removes none.
        let cut = Planner.plan(
            events: [.upsert(Fixture.user("dee")), .readIncomplete(SourceReadProblem(baseDN: Self.contractors, detail: "noSuchObject"))],
            state: state, settings: settings)
        #expect(cut.summary.contains("add all-users a-dee"))
        #expect(!cut.summary.contains { $0.hasPrefix("remove") })
    }

    @Test(arguments: [
        ("ou=People,dc=example,dc=com", "People"),
        ("OU = Sales Team ,dc=example", "Sales Team"),
        ("cn=Smith\\, John,ou=x", "Smith, John"),
        ("ou=M\\C3\\BCnchen,o=x", "München"),
        ("cn=a+uid=b,dc=x", "a"),
    ])
    func rdnValue(dn: String, value: String) {
        #expect(RDN.firstValue(of: dn) == value)
    }

    @Test func heldObjectsKeepLinksAndMemberships() {
        let group = Fixture.group("Staff", members: ["a-ada", "a-bob"])
        let state = Fixture.synced(Self.users + [group])
        let events: [ChangeEvent] = [
            .upsert(Fixture.user("ada")), .upsert(Fixture.user("cy", baseDN: Self.contractors)),
            .upsert(Fixture.group("Staff", members: ["a-ada"])),
            .readIncomplete(SourceReadProblem(code: .sourceRowInvalid, anchor: "a-bob", detail: "people.csv, line 3: 2 fields")),
            .snapshotComplete,
        ]
        let plan = Planner.plan(events: events, state: state, settings: Fixture.settings())
        #expect(plan.actions.isEmpty, "\(plan.summary)")
        #expect(!plan.sourceReadIncomplete)
        // Named by the userName last written: the held row was not read.
        #expect(plan.conditions == [ConditionRecord(.sourceRowInvalid, anchor: "a-bob", detail: "people.csv, line 3: 2 fields", name: "bob")])
    }
}
