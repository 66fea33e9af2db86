import Connectors
import SCIM
import SyncEngine
import Testing

/// The Samba AD DC that `scripts/test` starts (`scripts/ad-test-server`),
/// found through the AD_TEST_* variables.
enum ADDirectory {
    static var available: Bool { TestDirectory.env("AD_TEST_URL") != nil }
    static var url: String { TestDirectory.env("AD_TEST_URL") ?? "" }
    static var base: String { TestDirectory.env("AD_TEST_BASE") ?? "" }
    static var serviceDN: String { TestDirectory.env("AD_TEST_SVC_DN") ?? "" }
    static var peopleCount: Int { Int(TestDirectory.env("AD_TEST_PEOPLE_COUNT") ?? "") ?? 0 }
    static var bulkCount: Int { Int(TestDirectory.env("AD_TEST_BULK_COUNT") ?? "") ?? 0 }
    static var people: String { "OU=People,\(base)" }
    static var groups: String { "OU=Groups,\(base)" }
    static var bulk: String { "OU=Bulk,\(base)" }

    /// The agent's LDAP source with the Active Directory profile, bound as
    /// the service account (default rights only).
    static func source(baseDNs: [String]) throws -> LDAPSource {
        var ldap = LDAPSourceConfiguration(urls: [url], profile: .activeDirectory, baseDNs: baseDNs)
        ldap.bindDN = serviceDN
        return try LDAPSource(
            name: "corp", configuration: ldap, password: try TestDirectory.secret("AD_TEST_SVC_PASSWORD_FILE"),
            attributes: MappingConfiguration.defaults(for: .activeDirectory).sourceAttributes)
    }
}

@Suite("LDAPSource with the Active Directory profile against Samba", .enabled(if: ADDirectory.available), .serialized)
struct ADSourceTests {
    @Test("users and groups by objectGUID; a large group's members through ranged retrieval; nesting by anchor; the schema has every default attribute")
    func read() async throws {
        let source = try ADDirectory.source(baseDNs: [ADDirectory.people, ADDirectory.groups, ADDirectory.bulk])
        let result = try await source.read(after: nil)
        #expect(result.events.contains(.snapshotComplete))
        let objects = result.events.compactMap { if case .upsert(let object) = $0 { object } else { nil } }
        let users = objects.filter { $0.kind == .user }, groups = objects.filter { $0.kind == .group }
        #expect(users.count == ADDirectory.peopleCount + ADDirectory.bulkCount)
        #expect(users.allSatisfy { $0.anchor.rawValue.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) != nil })
        let byName = Dictionary(uniqueKeysWithValues: objects.map { ($0.values("cn").first ?? "", $0) })
        let bulk = try #require(byName["bulk-members"])
        #expect(bulk.members.count == ADDirectory.bulkCount, "beyond MaxValRange (1,500), read in ranges")
        let staff = try #require(byName["all-staff"])
        let expected = try ["engineering", "sales", "Ivan Ivanov"].map { try #require(byName[$0]?.anchor) }
        #expect(Set(staff.members) == Set(expected), "nested groups are members by anchor")
        #expect(Set(try #require(byName["admins"]).members).contains(try #require(byName["Zoë Ærøskøbing"]?.anchor)))
        #expect(groups.count == 5)
        let names = try #require(result.events.lazy.compactMap { if case .attributes(let names) = $0 { names } else { nil } }.first)
        #expect(MappingConfiguration.defaults(for: .activeDirectory).unknownSourceAttributes(in: names).isEmpty)
    }

    @Test("planned with the profile's defaults: every enabled person created with the mapped fields, mallory (ACCOUNTDISABLE) not, members outside the scope counted")
    func plan() async throws {
        let source = try ADDirectory.source(baseDNs: [ADDirectory.people, ADDirectory.groups])
        let result = try await source.read(after: nil)
        let settings = PlannerSettings(
            mapping: .defaults(for: .activeDirectory), baseDNs: [ADDirectory.people, ADDirectory.groups],
            disabledRules: ["corp": try #require(LDAPProfile.activeDirectory.disabledRule)])
        let plan = Planner.plan(events: result.events, state: SyncState(), settings: settings)
        #expect(plan.conditions.isEmpty, "\(plan.conditions)")
        var creates: [String: [FieldAssignment]] = [:]
        for case .create(.user, _, let fields, _) in plan.actions {
            if let userName = ObjectName.of(.user, in: fields) { creates[userName] = fields }
        }
        #expect(creates.count == ADDirectory.peopleCount - 1)
        #expect(creates["mallory@example.test"] == nil, "a user disabled in the source is not created")
        #expect(creates["alice@example.test"]?.contains(FieldAssignment("employeeNumber", .json("1001"))) == true)
        let bulkGroup = plan.actions.first { if case .create(.group, _, let fields, _) = $0 { ObjectName.of(.group, in: fields) == "bulk-members" } else { false } }
        let anchor = try #require(bulkGroup?.anchor)
        #expect(plan.membersOutOfScope[anchor] == ADDirectory.bulkCount)
    }
}
