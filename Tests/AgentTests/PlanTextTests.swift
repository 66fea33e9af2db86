import Agent
import SCIM
import SyncEngine
import Testing

/// `dsync plan` as a terminal shows it, without I/O.
@Suite("Plan text")
struct PlanTextTests {
    @Test("each action and condition names its object: by the fields it writes, by Plan.names, a condition by its entry's DN; the anchor only when no name is known")
    func names() {
        var plan = Plan(
            actions: [
                .create(.user, "a-ada", fields: [FieldAssignment("userName", .json("ada"))], hash: "h"),
                .create(.group, "g-new", fields: [FieldAssignment("displayName", .json("Staff"))], hash: "h"),
                .update(.user, "a-bob", targetID: "t-bob", set: [FieldAssignment("title", .json("Engineer"))], remove: [], hash: "h"),
                .addMembers(group: "g-new", members: ["a-ada"]),
                .deactivate("a-cy", targetID: "t-cy"),
            ],
            conditions: [
                ConditionRecord(.invalidEmail, anchor: "a-dan", kind: .user, attribute: "emails", detail: "a value is required", name: "uid=dan,ou=People,dc=example,dc=org"),
            ])
        plan.names = ["a-bob": "bob"]
        let lines = PlanText.render(plan).split(separator: "\n").map(String.init)
        #expect(lines == [
            "  create         ada",
            "  create         Staff",
            "  update         bob",
            "  member-add     Staff",
            "  deactivate     a-cy",
            "  ! invalid-email uid=dan,ou=People,dc=example,dc=org: a value is required",
            "plan: 2 create, 1 deactivate, 1 member-add, 1 update; 1 condition(s)",
        ])
    }
}
