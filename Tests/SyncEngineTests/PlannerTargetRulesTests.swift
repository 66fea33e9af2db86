import SCIM
import Testing

@testable import SyncEngine

/// The target's rules in the planner: custom fields by their schema, fields
/// the target lacks (deleted or unknown), verified domains, groups matched
/// by name.
@Suite struct PlannerTargetRulesTests {
    static let custom = SCIMSchemaURN.directorySyncUser
    static let office = "\(custom):office"

    /// A target with the standard fields and, optionally, the custom field
    /// `office` (at most 10 characters).
    static func schema(office: Bool = true, verifiedDomains: Set<String>? = nil) -> TargetSchema {
        var schema = TargetSchema.standard
        var fields: [String: String] = [:]
        for name in ["userName", "emails", "displayName", "name.givenName", "name.familyName", "title", "phoneNumbers",
                     "employeeNumber", "department", "manager"] {
            fields[name.lowercased()] = name
        }
        if office {
            fields["office"] = Self.office
            fields[Self.office.lowercased()] = Self.office
            schema.userRules.append(FieldRule(name: Self.office, kind: .text, maxLength: 10))
        }
        schema.userFields = fields
        schema.groupFields = ["displayname": "displayName"]
        schema.verifiedDomains = verifiedDomains
        return schema
    }

    static let settings = Fixture.settings { $0.mapping.users.append(FieldMapping("office", from: ["roomNumber"])) }

    @Test func aCustomFieldIsWrittenUnderItsSchemaAndCheckedWithItsRule() throws {
        let fits = Fixture.user("ada", extra: ["roomNumber": ["B-101"]])
        let long = Fixture.user("bob", extra: ["roomNumber": ["Building 7, third floor"]])
        let plan = Planner.plan(events: Fixture.snapshot([fits, long]), state: SyncState(), settings: Self.settings, schema: Self.schema())
        #expect(plan.summary == ["create user a-ada"])
        guard case .create(_, _, let fields, _) = plan.actions.first else { Issue.record("no create"); return }
        #expect(fields.contains(FieldAssignment(Self.office, .json("B-101"))))
        let refused = try #require(plan.conditions.first)
        #expect(plan.codes == [.tooLong])
        #expect(refused.anchor == "a-bob" && refused.attribute == "office" && refused.value == "Building 7, third floor")
    }

    @Test func aFieldTheAgentWroteAndTheTargetNoLongerHasIsDeleted() {
        let ada = Fixture.user("ada", extra: ["roomNumber": ["B-101"]])
        let state = Fixture.apply(
            Planner.plan(events: Fixture.snapshot([ada]), state: SyncState(), settings: Self.settings, schema: Self.schema()),
            to: SyncState())
        #expect(state.links["a-ada"]?.fieldHashes[Self.office] != nil)
        // The field is deleted in the target; the user's title changes.
        let changed = Fixture.user("ada", extra: ["roomNumber": ["B-101"], "title": ["Engineer"]])
        let plan = Planner.plan(
            events: Fixture.snapshot([changed]), state: state, settings: Self.settings, schema: Self.schema(office: false))
        #expect(plan.codes == [.fieldDeleted])
        #expect(plan.conditions.first?.attribute == "office" && plan.conditions.first?.anchor == nil)
        // The title is written; the office value is neither written nor removed.
        #expect(plan.summary == ["update a-ada set title remove "])
    }

    @Test func aFieldNeverWrittenIsUnknownAndTheRestIsStillWritten() {
        let ada = Fixture.user("ada", extra: ["roomNumber": ["B-101"]])
        let plan = Planner.plan(
            events: Fixture.snapshot([ada]), state: SyncState(), settings: Self.settings, schema: Self.schema(office: false))
        #expect(plan.codes == [.fieldUnknown])
        #expect(plan.summary == ["create user a-ada"])
        guard case .create(_, _, let fields, _) = plan.actions.first else { return }
        #expect(!fields.contains { $0.field.lowercased().contains("office") })
    }

    @Test func withoutPublishedFieldsEveryMappingIsWrittenAsGiven() {
        let ada = Fixture.user("ada", extra: ["roomNumber": ["B-101"]])
        let plan = Planner.plan(events: Fixture.snapshot([ada]), state: SyncState(), settings: Self.settings, schema: .standard)
        #expect(plan.codes.isEmpty)
        guard case .create(_, _, let fields, _) = plan.actions.first else { Issue.record("no create"); return }
        #expect(fields.contains(FieldAssignment("office", .json("B-101"))))
    }

    @Test func mappingCheckTellsDeletedFromUnknown() {
        var state = SyncState()
        state.links["a-x"] = Link(kind: .user, targetID: "t", origin: .created, fieldHashes: [Self.office: "h", "title": "h"])
        let mapping = MappingConfiguration(
            users: [FieldMapping("office", from: ["roomNumber"]), FieldMapping("costCode", from: ["x"]), FieldMapping("title", from: ["title"])],
            groups: [FieldMapping("displayName", from: ["cn"])])
        let check = MappingCheck(mapping: mapping, schema: Self.schema(office: false), state: state)
        #expect(check.refusals.map(\.code) == [.fieldDeleted, .fieldUnknown])
        #expect(check.refusals.first?.writtenAs == [Self.office])
        #expect(check.resolved[.user]?["title"] == "title")
        #expect(MappingCheck.names("URN:ietf:params:scim:schemas:extension:directorysync:2.0:User:Office", "office"))
        #expect(!MappingCheck.names("officeHours", "office"))
    }

    static let domainCases: [(verified: [String]?, mail: String, code: ConditionCode?)] = [
        (nil, "ada@elsewhere.test", nil),
        ([], "ada@elsewhere.test", nil),
        (["corp.test"], "ada@CORP.test", nil),
        (["corp.test"], "ada@elsewhere.test", .domainNotVerified),
    ]

    @Test(arguments: domainCases)
    func verifiedDomainsWhenTheTargetTells(verified: [String]?, mail: String, code: ConditionCode?) {
        let ada = Fixture.user("ada", mail: mail)
        let plan = Planner.plan(
            events: Fixture.snapshot([ada]), state: SyncState(), settings: Fixture.settings(),
            schema: Self.schema(verifiedDomains: verified.map(Set.init)))
        #expect(plan.codes == (code.map { [$0] } ?? []))
        if code != nil {
            #expect(plan.actions.isEmpty)
            #expect(plan.conditions.first?.value == mail.lowercased() && plan.conditions.first?.attribute == "emails")
        }
    }

    @Test func groupsMatchByNameWhenUsersMatchByUserName() {
        let staff = Fixture.group("Staff")
        let target = TargetDirectory(entries: [
            .init(kind: .group, id: "g1", displayName: "STAFF", isPrivileged: false),
            .init(kind: .user, id: "u1", userName: "staff"),
        ])
        let settings = Fixture.settings { $0.match.by = .userName }
        let plan = Planner.plan(events: [.upsert(staff)], state: SyncState(), settings: settings, target: target)
        #expect(plan.summary == ["link g-Staff g1"])
        let byExternalId = Planner.plan(events: [.upsert(staff)], state: SyncState(), settings: Fixture.settings(), target: target)
        #expect(byExternalId.summary == ["create group g-Staff"])
    }
}
