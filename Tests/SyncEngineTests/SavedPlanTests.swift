import Foundation
import SCIM
import Testing

@testable import SyncEngine

/// Saved plans without I/O: stamps, what still holds at apply time, the
/// file's checks.
@Suite("Saved plans")
struct SavedPlanTests {
    static func field(_ name: String, _ value: String) -> FieldAssignment {
        FieldAssignment(name, .json(.string(value)))
    }

    static let plan = Plan(
        actions: [
            .create(.user, "new", fields: [field("userName", "new")], hash: "h-new"),
            .update(.user, "ada", targetID: "t-ada", set: [field("title", "Engineer")], remove: [], hash: "h-ada"),
            .update(.user, "bob", targetID: "t-bob", set: [field("title", "Manager")], remove: [], hash: "h-bob"),
            .addMembers(group: "staff", members: ["new", "ada"]),
            .deactivate("carl", targetID: "t-carl"),
        ],
        conditions: [ConditionRecord(.invalidEmail, anchor: "dora", kind: .user, detail: "not an address")],
        mappingVersion: "m1", baseDNCounts: ["ou=People": 5])

    static func saved(_ plan: Plan = plan) -> SavedPlan {
        SavedPlan(
            plan: plan, runID: "run-1", createdAt: Date(timeIntervalSince1970: 1_700_000_000), targetURL: "https://dir.example/scim/v2",
            dataFolder: "/var/lib/dsync", instanceID: "instance-1",
            targetVersions: ["ada": "W/\"3\"", "bob": "W/\"7\"", "staff": "W/\"2\"", "carl": "W/\"1\""])
    }

    @Test("one stamp per object the plan touches, with the directory's version of the linked ones")
    func stamps() {
        let saved = Self.saved()
        #expect(saved.objects.map(\.anchor) == ["ada", "bob", "carl", "new", "staff"])
        #expect(saved.objects.first { $0.anchor == "new" }?.targetVersion == nil)
        #expect(saved.objects.first { $0.anchor == "staff" }?.kind == .group)
        #expect(saved.objects.first { $0.anchor == "bob" }?.targetVersion == "W/\"7\"")
        #expect(saved.format == "dsync-plan" && saved.formatVersion == 1)
    }

    @Test("the same plan made again applies whole, with the versions")
    func unchanged() {
        let (plan, versions) = Self.saved().applicable(current: Self.plan)
        #expect(plan.actions == Self.plan.actions)
        #expect(plan.conditions == Self.plan.conditions)
        #expect(plan.baseDNCounts == nil)
        #expect(versions == ["ada": "W/\"3\"", "bob": "W/\"7\"", "staff": "W/\"2\"", "carl": "W/\"1\""])
    }

    @Test("an object changed in the source, or no longer planned, is plan-stale; the rest holds")
    func changedInSource() {
        var now = Self.plan
        now.actions[2] = .update(.user, "bob", targetID: "t-bob", set: [Self.field("title", "Director")], remove: [], hash: "h-bob2")
        now.actions.remove(at: 4)  // carl: enabled again in the source
        let (plan, versions) = Self.saved().applicable(current: now)
        #expect(plan.actions.map(\.anchor) == ["new", "ada", "staff"])
        // The saved action is applied, not the new one.
        #expect(plan.actions[1] == Self.plan.actions[1])
        let stale = plan.conditions.filter { $0.code == .planStale }
        #expect(stale.compactMap(\.anchor).sorted() == ["bob", "carl"])
        #expect(versions["bob"] == nil && versions["carl"] == nil && versions["ada"] == "W/\"3\"")
    }

    @Test("a plan made for another target or data folder is refused by name")
    func otherTargetOrFolder() throws {
        let saved = Self.saved()
        try saved.check(targetURL: "https://DIR.example/scim/v2/", instanceID: "instance-1", dataFolder: "/var/lib/dsync")
        #expect(throws: SavedPlanError.self) {
            try saved.check(targetURL: "https://other.example/scim/v2", instanceID: "instance-1", dataFolder: "/var/lib/dsync")
        }
        do {
            try saved.check(targetURL: "https://dir.example/scim/v2", instanceID: "instance-2", dataFolder: "/srv/dsync")
            Issue.record("accepted another data folder")
        } catch {
            #expect(error.description.contains("/var/lib/dsync") && error.description.contains("/srv/dsync"))
        }
    }

    @Test("the file round-trips; a file that is not a plan, or of another format version, is refused")
    func file() throws {
        let saved = Self.saved()
        let data = try saved.encoded()
        #expect(try SavedPlan.decode(data) == saved)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"format\" : \"dsync-plan\""))
        #expect(text.contains("\"targetVersion\" : \"W/\\\"3\\\"\""))
        #expect(text.contains("\"sourceHash\""))
        #expect(throws: SavedPlanError.self) { try SavedPlan.decode(Data("{\"actions\": []}".utf8)) }
        let newer = text.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 2")
        #expect(throws: SavedPlanError.self) { try SavedPlan.decode(Data(newer.utf8)) }
    }
}
