import SCIM
import Testing

@testable import SyncEngine

/// `field-unknown` for a mapping's source attribute a source does not have.
@Suite struct PlannerSourceAttributeTests {
    static func names(users: Set<String>, groups: Set<String> = ["cn"]) -> ChangeEvent {
        .attributes(SourceAttributeNames(source: "corp", origin: "the server's schema", users: users, groups: groups))
    }

    @Test("a mapped attribute the source lacks is field-unknown, once, naming the mapping, the attribute and the source; the rest of the run goes on")
    func unknown() {
        let settings = Fixture.settings { settings in
            settings.mapping.users.append(FieldMapping("title", from: ["titel"]))
            settings.mapping.users.append(FieldMapping("nickName", from: ["Titel"]))
        }
        let schema: Set<String> = ["uid", "mail", "cn", "givenname", "sn", "title", "telephonenumber", "employeenumber", "departmentnumber", "manager"]
        let events = Fixture.snapshot([Fixture.user("ada")]) + [Self.names(users: schema)]
        let plan = Planner.plan(events: events, state: SyncState(), settings: settings)
        let unknown = plan.conditions.filter { $0.code == .fieldUnknown }
        #expect(unknown.map(\.attribute) == ["titel"], "\(plan.conditions)")
        #expect(unknown.first?.kind == .user && unknown.first?.anchor == nil)
        #expect(unknown.first?.detail.hasPrefix("mapping.users.title reads the attribute titel, which the source corp does not have (it is not in the server's schema)") == true)
        #expect(plan.summary == ["create user a-ada"])
    }

    @Test("without the source's names (a schema that could not be read, an LDIF file), the mapping is trusted")
    func unknownNames() {
        let settings = Fixture.settings { $0.mapping.users.append(FieldMapping("title", from: ["titel"])) }
        let plan = Planner.plan(events: Fixture.snapshot([Fixture.user("ada")]), state: SyncState(), settings: settings)
        #expect(!plan.conditions.contains { $0.code == .fieldUnknown })
    }

    @Test("an attribute description's options are not part of its name: cn;lang-de is cn")
    func options() {
        let mapping = MappingConfiguration(users: [FieldMapping("displayName", from: ["cn;lang-de"]), FieldMapping("title", from: ["titel;x-y"])], groups: [])
        let names = SourceAttributeNames(source: "corp", origin: "the server's schema", users: ["cn", "title"], groups: [])
        #expect(mapping.unknownSourceAttributes(in: names).map(\.attribute) == ["titel;x-y"])
    }

    @Test("names compare without case, and groups are checked against the groups' names")
    func kinds() {
        let settings = Fixture.settings { $0.mapping.groups.append(FieldMapping("description", from: ["Description"])) }
        let events = Fixture.snapshot([Fixture.group("staff")]) + [Self.names(users: ["uid", "mail", "cn", "givenname", "sn", "title", "telephonenumber", "employeenumber", "departmentnumber", "manager"], groups: ["cn"])]
        let unknown = Planner.plan(events: events, state: SyncState(), settings: settings).conditions.filter { $0.code == .fieldUnknown }
        #expect(unknown.map(\.attribute) == ["Description"])
        #expect(unknown.first?.kind == .group)
    }

    @Test("a field of the source's default mapping is not checked (a CSV file need not have every column), unless it writes userName or emails")
    func defaults() {
        let names = SourceAttributeNames(
            source: "hr", origin: "the header of its files", users: ["id", "username", "mail"], groups: ["name", "cn"], defaults: .csvDefaults)
        let unknown = MappingConfiguration.csvDefaults.unknownSourceAttributes(in: names)
        #expect(unknown.map(\.attribute) == ["email"], "\(unknown)")
        #expect(unknown.first?.detail.hasPrefix("mapping.users.emails reads the attribute email, which the source hr does not have (it is not in the header of its files)") == true)
        // Written by the administrator, the same field is checked.
        var written = MappingConfiguration.csvDefaults
        written.users.append(FieldMapping("title", from: ["jobTitle"]))
        #expect(written.unknownSourceAttributes(in: names).map(\.attribute) == ["email", "jobTitle"])
    }
}
