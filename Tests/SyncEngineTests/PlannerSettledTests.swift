import SCIM
import Testing

@testable import SyncEngine

/// Objects whose source digest is the one stored with their link are not
/// mapped again; anything else that decides their fields (target rules, a
/// reference, a key another user now claims) still counts.
@Suite struct PlannerSettledTests {
    /// The object with a digest as a source computes one: over its DN and
    /// attributes.
    static func digested(_ object: SourceObject) -> SourceObject {
        var digest = SourceDigest()
        digest.add(object.dn ?? "", kind: .other)
        for (name, values) in object.attributes.dictionary.sorted(by: { $0.key < $1.key }) {
            digest.add(name, kind: .name)
            for value in values { digest.add(value, kind: .value) }
        }
        var object = object
        object.digest = digest.finish()
        return object
    }

    /// What the executor stores after a successful run: the digests of the
    /// objects written, and of those found needing nothing.
    static func settle(_ plan: Plan, _ state: SyncState) -> SyncState {
        var after = Fixture.apply(plan, to: state)
        let settled = Executor.settled(plan, state: state)
        for (anchor, digest) in plan.digests where after.links[anchor] != nil {
            let written = plan.actions.contains { $0.anchor == anchor && !$0.isMemberAction }
            if written || settled[anchor] != nil { after.links[anchor]?.sourceDigest = digest }
        }
        return after
    }

    static func run(_ objects: [SourceObject], _ state: SyncState, settings: PlannerSettings = Fixture.settings(), schema: TargetSchema = .standard) -> (Plan, SyncState) {
        let plan = Planner.plan(events: Fixture.snapshot(objects), state: state, settings: settings, schema: schema)
        return (plan, settle(plan, state))
    }

    let ada = digested(Fixture.user("ada"))
    let bob = digested(Fixture.user("bob"))

    @Test("a second run maps nothing unchanged; a changed attribute maps and updates that object only")
    func unchangedObjectsAreSkipped() {
        let staff = Self.digested(Fixture.group("staff", members: ["a-ada", "a-bob"]))
        let (first, state) = Self.run([ada, bob, staff], SyncState())
        #expect(Set(first.digests.keys) == [ada.anchor, bob.anchor, staff.anchor])
        #expect(state.links.values.allSatisfy { !$0.sourceDigest.isEmpty })

        let (second, _) = Self.run([ada, bob, staff], state)
        #expect(second.actions.isEmpty && second.conditions.isEmpty)
        #expect(second.digests.isEmpty, "nothing was mapped")

        let renamed = Self.digested(Fixture.user("ada", cn: "Ada King"))
        let (third, _) = Self.run([renamed, bob, staff], state)
        #expect(third.summary == ["update a-ada set displayName remove "])
        #expect(Array(third.digests.keys) == [ada.anchor])
    }

    @Test("links stored before digests existed are mapped once, found unchanged, and given their digest")
    func linksWithoutDigestSettle() {
        let state = Fixture.synced([ada, bob])
        let plan = Planner.plan(events: Fixture.snapshot([ada, bob]), state: state, settings: Fixture.settings())
        #expect(plan.actions.isEmpty)
        #expect(Executor.settled(plan, state: state) == plan.digests)
        #expect(plan.digests.count == 2)
    }

    @Test("target rules that changed since are checked again: a domain no longer verified is refused")
    func targetRulesCount() {
        let (_, state) = Self.run([ada], SyncState())
        var schema = TargetSchema.standard
        schema.verifiedDomains = ["example.org"]
        let (plan, _) = Self.run([ada], state, schema: schema)
        #expect(plan.conditions.map(\.code) == [.domainNotVerified])
    }

    @Test("a manager who left the source is removed from an unchanged user")
    func referencesCount() {
        let carol = Self.digested(Fixture.user("carol", extra: ["manager": ["uid=bob,\(Fixture.people)"]]))
        let (first, state) = Self.run([carol, bob], SyncState())
        #expect(first.actions.count == 2)
        let (second, _) = Self.run([carol, bob], state)
        #expect(second.actions.isEmpty)
        let (third, _) = Self.run([carol], state)
        #expect(third.summary.contains("update a-carol set  remove manager"), "\(third.summary)")
    }

    @Test("a new user with an unchanged user's address makes both duplicate-in-source")
    func duplicatesCountUnchangedUsers() {
        let (_, state) = Self.run([ada, bob], SyncState())
        let copy = Self.digested(Fixture.user("ada2", mail: "ADA@example.com"))
        let (plan, _) = Self.run([ada, bob, copy], state)
        #expect(plan.actions.isEmpty, "\(plan.summary)")
        let duplicates = plan.conditions.filter { $0.code == .duplicateInSource }.compactMap(\.anchor)
        #expect(Set(duplicates) == [ada.anchor, copy.anchor])
    }

    @Test("a disabled user is mapped every run and keeps no digest")
    func disabledUsersAreMapped() {
        let locked = Self.digested(Fixture.user("ada", extra: ["pwdAccountLockedTime": ["20260101000000Z"]]))
        let (_, state) = Self.run([ada], SyncState())
        let (first, after) = Self.run([locked], state)
        #expect(first.summary == ["deactivate a-ada"])
        let (second, _) = Self.run([locked], after)
        #expect(second.actions.isEmpty)
        #expect(second.digests.isEmpty)
    }
}
