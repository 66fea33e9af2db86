import Synchronization
import Testing

@testable import SyncEngine

/// An initial sync's plan with its final user creates streamed ahead
/// (`Planner.plan(early:)`): the streamed actions and the plan returned
/// are the plan made without streaming.
@Suite struct PlannerStreamingTests {
    /// Keeps what the planner streams.
    final class Collected: Sendable {
        private let batches = Mutex<[[EarlyAction]]>([])

        var sink: EarlyActionSink { { batch in self.batches.withLock { $0.append(batch) } } }
        var actions: [EarlyAction] { batches.withLock { $0.flatMap { $0 } } }
        var anchors: [Anchor] { actions.map(\.action.anchor) }
    }

    /// Plain users, two sharing an email, one sharing a userName with a
    /// user whose phone number is invalid, one disabled, one already in the
    /// target, one invalid, and groups of them.
    static let objects: [SourceObject] = {
        var objects = (0..<600).map { Fixture.user(number($0)) }
        objects += [
            Fixture.user("ada", mail: "shared@example.com"), Fixture.user("bob", mail: "Shared@Example.com"),
            Fixture.user("eve"), Fixture.user("eve2", extra: ["uid": ["EVE"], "telephoneNumber": ["call me maybe"]]),
            Fixture.user("fay", extra: ["pwdAccountLockedTime": ["20260101000000Z"]]),
            Fixture.user("zed", mail: "not an address"),
        ]
        objects += [
            Fixture.group("staff", members: ["a-eve", "a-u001", "a-u002", "a-ada", "a-fay"]),
            Fixture.group("all", members: (0..<600).map { "a-" + number($0) }),
        ]
        // With source digests, so the plan has digests to store.
        return objects.map { object in
            var object = object
            object.digest = "digest of \(object.anchor)"
            return object
        }
    }()

    /// u000, u001, …: anchors in numeric order.
    static func number(_ index: Int) -> String {
        let digits = String(index)
        return "u" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    static let target = TargetDirectory(entries: [.init(id: "t-u003", externalId: "a-u003")])

    static func plan(state: SyncState = SyncState(), early: EarlyActionSink? = nil) -> Plan {
        Planner.plan(events: Fixture.snapshot(objects), state: state, settings: Fixture.settings(), target: target, early: early)
    }

    @Test func streamedActionsAndTheRestAreThePlanMadeWithoutStreaming() {
        let plain = Self.plan()
        let collected = Collected()
        let rest = Self.plan(early: collected.sink)
        let early = collected.actions

        // The uncontested users' creates (and the link), in anchor order,
        // in batches; none of them is left in the plan.
        #expect(early.count == 600)
        #expect(collected.anchors == collected.anchors.sorted())
        #expect(early.allSatisfy { $0.action.phase == 0 && $0.action.kind == .user })
        #expect(early.contains { $0.action == .link(.user, "a-u003", targetID: "t-u003", fields: $0.action.fields, hash: $0.action.hash) })
        #expect(Set(collected.anchors).isDisjoint(with: rest.actions.map(\.anchor)))
        #expect(Set(collected.anchors).isDisjoint(with: ["a-ada", "a-bob", "a-eve", "a-eve2", "a-fay", "a-zed"]))

        #expect(rest.including(streamed: early.map(\.action)).actions == plain.actions)
        #expect(rest.conditions == plain.conditions)
        var digests = rest.digests
        for action in early { digests[action.action.anchor] = action.digest }
        #expect(digests == plain.digests)
        #expect(digests.count == 603)
        #expect(rest.actions.filter { $0.phase == 0 }.map(\.anchor) == ["a-eve"])
    }

    /// Mapping problems first, then duplicates, then what planning an object
    /// found, each in anchor order, whichever objects were streamed.
    @Test func conditionsComeInTheSameOrderAsBefore() {
        let collected = Collected()
        let plan = Self.plan(early: collected.sink)
        #expect(plan.conditions.map(\.code) == [.invalidValue, .invalidEmail, .duplicateInSource, .duplicateInSource, .alreadyExists])
        #expect(plan.conditions.map(\.anchor) == ["a-eve2", "a-zed", "a-ada", "a-bob", "a-u003"])
    }

    @Test func aUserWhoseOtherFieldsAreInvalidDoesNotMakeItsNamesakeADuplicate() {
        let plan = Self.plan()
        #expect(plan.summary.contains("create user a-eve"))
        #expect(!plan.conditions.contains { $0.code == .duplicateInSource && $0.anchor == "a-eve" })
    }

    @Test func nothingStreamsOnceAnObjectIsLinked() {
        let state = Fixture.synced([Fixture.user("u000")])
        let collected = Collected()
        let plan = Self.plan(state: state, early: collected.sink)
        #expect(collected.actions.isEmpty)
        #expect(plan.actions == Self.plan(state: state).actions)
        #expect(plan.summary.contains("create user a-u001"))
    }
}

extension PlannedAction {
    var fields: [FieldAssignment] {
        switch self {
        case .create(_, _, let fields, _), .link(_, _, _, let fields, _): fields
        default: []
        }
    }

    var hash: String {
        switch self {
        case .create(_, _, _, let hash), .link(_, _, _, _, let hash), .update(_, _, _, _, _, let hash): hash
        default: ""
        }
    }
}
