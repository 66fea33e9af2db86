import SCIM
import Testing

@testable import SyncEngine

@Suite struct PlannerValidationTests {
    @Test func duplicateUserNameOrEmailWritesNeither() {
        let ada = Fixture.user("ada", mail: "shared@example.com")
        let bob = Fixture.user("bob", mail: "Shared@Example.com")
        let cy = Fixture.user("cy")
        let plan = Planner.plan(events: Fixture.snapshot([ada, bob, cy]), state: SyncState(), settings: Fixture.settings())
        #expect(plan.summary == ["create user a-cy"])
        let duplicates = plan.conditions.filter { $0.code == .duplicateInSource }
        #expect(duplicates.compactMap(\.anchor).sorted() == ["a-ada", "a-bob"])
        #expect(duplicates.allSatisfy { $0.attribute == "emails" })
    }

    @Test("a userName that is an address is one: another user's email equal to it makes both duplicates; a user's own userName and email may be equal")
    func userNameThatIsAnotherUsersEmail() {
        let kim = Fixture.user("kim", mail: "kim.lee@example.com", extra: ["uid": ["kim.lee@example.com"]])
        let lee = Fixture.user("lee", mail: "Kim.Lee@example.com")
        let other = Fixture.user("cy", extra: ["uid": ["kim@example.com"]])
        let plan = Planner.plan(events: Fixture.snapshot([kim, lee, other]), state: SyncState(), settings: Fixture.settings())
        #expect(plan.summary == ["create user a-cy"], "cy's userName is an address no one else has")
        let duplicates = plan.conditions.filter { $0.code == .duplicateInSource }
        #expect(duplicates.compactMap(\.anchor).sorted() == ["a-kim", "a-lee"])
    }

    @Test("a userName that is an address is not matched as an email: matching by email looks at the emails alone")
    func matchByEmailIgnoresUserName() {
        // jdoe's userName is another account's email; with `match: email`,
        // jdoe is matched by its own email, not by its userName.
        let target = TargetDirectory(entries: [.init(id: "t-other", userName: "someone", emails: ["jdoe@example.com"])])
        let jdoe = Fixture.user("jdoe", mail: "john.doe@example.com", extra: ["uid": ["jdoe@example.com"]])
        let settings = Fixture.settings { $0.match.by = .email }
        let plan = Planner.plan(events: Fixture.snapshot([jdoe]), state: SyncState(), settings: settings, target: target)
        #expect(plan.summary == ["create user a-jdoe"], "\(plan.summary)")
    }

    @Test("a userName that is an address clashes with a linked user's email read earlier, and a new email with a stored userName")
    func addressUserNameAgainstStoredKeys() {
        let kim = Fixture.user("kim", mail: "kim@example.com", extra: ["uid": ["kim.lee@example.com"]])
        let state = Fixture.synced([kim])
        // An incremental read: lee's email is kim's (stored) userName.
        let lee = Fixture.user("lee", mail: "Kim.Lee@example.com")
        let plan = Planner.plan(events: [.upsert(lee)], state: state, settings: Fixture.settings())
        #expect(plan.actions.isEmpty, "\(plan.summary)")
        #expect(plan.conditions.map(\.code) == [.duplicateInSource])
    }

    @Test func duplicateAgainstLinkedUserInIncrementalRead() {
        let state = Fixture.synced([Fixture.user("ada")])
        let copy = SourceObject(kind: .user, anchor: "a-copy", attributes: ["uid": ["ADA"], "mail": ["other@example.com"], "cn": ["X"]])
        let plan = Planner.plan(events: [.upsert(copy)], state: state, settings: Fixture.settings())
        #expect(plan.actions.isEmpty)
        #expect(plan.conditions.map(\.code) == [.duplicateInSource])
        #expect(plan.conditions.first?.anchor == "a-copy")
    }

    @Test(arguments: [
        (["mail": [String]()], ConditionCode.invalidEmail, "emails"),
        (["mail": ["not an address"]], .invalidEmail, "emails"),
        (["uid": [String(repeating: "x", count: 300)]], .tooLong, "userName"),
        (["telephoneNumber": ["call me maybe"]], .invalidValue, "phoneNumbers"),
        (["uid": [String]()], .mandatoryMissing, "userName"),
    ])
    func invalidObjectsAreReportedAndNotWritten(attributes: [String: [String]], code: ConditionCode, field: String) {
        var attributes = attributes
        attributes["uid"] = attributes["uid"] ?? ["ada"]
        attributes["mail"] = attributes["mail"] ?? ["ada@example.com"]
        let user = SourceObject(kind: .user, anchor: "a-ada", attributes: attributes)
        let plan = Planner.plan(events: [.upsert(user)], state: SyncState(), settings: Fixture.settings())
        #expect(plan.actions.isEmpty)
        #expect(plan.conditions.map(\.code) == [code])
        #expect(plan.conditions.first?.attribute == field)
        #expect(plan.conditions.first?.anchor == "a-ada")
    }

    @Test func customFieldRulesFromTheTarget() {
        var schema = TargetSchema.standard
        schema.userRules.append(FieldRule(name: "costCenter", kind: .number, required: true))
        let settings = Fixture.settings { $0.mapping.users.append(FieldMapping("costCenter", from: ["departmentNumber"])) }
        let missing = Planner.plan(events: [.upsert(Fixture.user("ada"))], state: SyncState(), settings: settings, schema: schema)
        #expect(missing.codes == [.mandatoryMissing])
        let good = Fixture.user("ada", extra: ["departmentNumber": ["4711"]])
        let plan = Planner.plan(events: [.upsert(good)], state: SyncState(), settings: settings, schema: schema)
        guard case .create(_, _, let fields, _) = plan.actions.first else { Issue.record("no create"); return }
        #expect(fields.contains(FieldAssignment("costCenter", .json(.number(4711)))))
    }

    @Test func severalValuesForASingleValuedFieldNeedFirst() {
        let settings = Fixture.settings { $0.mapping.users.append(FieldMapping("nickName", from: ["cn"])) }
        let user = Fixture.user("ada", extra: ["cn": ["Ada", "Countess"]])
        let plan = Planner.plan(events: [.upsert(user)], state: SyncState(), settings: settings)
        #expect(plan.codes == [.invalidValue])
        #expect(plan.conditions.first?.detail.contains("`first`") == true)
    }

    @Test func transformsProduceTheFieldValues() throws {
        let mapping = MappingConfiguration(
            users: [
                FieldMapping("userName", from: ["uid"], transforms: [.upper]),
                FieldMapping("emails", from: ["mail"], transforms: [.replaceDomain("example.org")]),
                FieldMapping("displayName", from: ["givenName", "sn"], transforms: [.join(" ")]),
                FieldMapping("title", from: ["title"], transforms: [.default("Staff")]),
                FieldMapping("hireDate", from: ["whenCreated"], transforms: [.generalizedTimeToDate(dateOnly: true)]),
                FieldMapping("lastChange", from: ["modifyTimestamp"], transforms: [.generalizedTimeToDate(dateOnly: false)]),
                FieldMapping("manager", from: ["manager"], transforms: [.dnToReference]),
            ],
            groups: [])
        let boss = Fixture.user("boss")
        let ada = Fixture.user("ada", extra: [
            "givenName": ["Ada"], "sn": ["Lovelace"], "mail": ["ada@corp.example.com"],
            "whenCreated": ["20231231233000-0100"], "modifyTimestamp": ["20240229120000.5Z"],
            "manager": ["UID=boss, ou=People,DC=example,dc=com"],
        ])
        let plan = Planner.plan(events: [.upsert(boss), .upsert(ada)], state: SyncState(), settings: Fixture.settings { $0.mapping = mapping })
        #expect(plan.conditions.isEmpty)
        let create = try #require(plan.actions.first { $0.anchor == "a-ada" })
        guard case .create(_, _, let fields, _) = create else { Issue.record("no create"); return }
        #expect(fields == [
            FieldAssignment("userName", .json("ADA")),
            FieldAssignment("emails", .json(["ada@example.org"])),
            FieldAssignment("displayName", .json("Ada Lovelace")),
            FieldAssignment("title", .json("Staff")),
            FieldAssignment("hireDate", .json("2024-01-01")),
            FieldAssignment("lastChange", .json("2024-02-29T12:00:00Z")),
            FieldAssignment("manager", .reference("a-boss")),
        ])
    }

    @Test(arguments: [
        ("20240131120000Z", false, "2024-01-31T12:00:00Z"),
        ("202401311200Z", false, "2024-01-31T12:00:00Z"),
        ("2024013112+0130", false, "2024-01-31T10:30:00Z"),
        ("19991231230000-0200", true, "2000-01-01"),
        ("20240230120000Z", false, nil),
        ("20240131120000", false, nil),
        ("2024", false, nil),
    ])
    func generalizedTime(input: String, dateOnly: Bool, expected: String?) {
        #expect(GeneralizedTime.rfc3339(input, dateOnly: dateOnly) == expected)
    }

    @Test(arguments: [
        (AttributeRule(attribute: "description", operator: .contains, values: ["SERVICE"]), true),
        (AttributeRule(attribute: "description", operator: .startsWith, values: ["svc"]), true),
        (AttributeRule(attribute: "description", operator: .endsWith, values: ["account"]), true),
        (AttributeRule(attribute: "description", operator: .equals, values: ["svc service account"]), true),
        (AttributeRule(attribute: "description", operator: .equals, values: ["svc"]), false),
        (AttributeRule(attribute: "description", operator: .matches, values: ["^svc\\s"]), true),
        (AttributeRule(attribute: "description", operator: .matches, values: ["^account"]), false),
        (AttributeRule(attribute: "description", operator: .present), true),
        (AttributeRule(attribute: "title", operator: .present), false),
        (AttributeRule(attribute: "userAccountControl", operator: .bitsSet, values: ["2"]), true),
        (AttributeRule(attribute: "userAccountControl", operator: .bitsSet, values: ["16"]), false),
    ])
    func attributeRules(rule: AttributeRule, matches: Bool) {
        let object = SourceObject(
            kind: .user, anchor: "x", attributes: ["Description": ["svc Service Account"], "userAccountControl": ["514"]])
        #expect(rule.matches(object) == matches)
    }
}
