import Connectors
import Foundation
import LDAP
import SyncEngine
import Testing

@Suite("LDAPSource against the test slapd", .enabled(if: TestDirectory.available))
struct LDAPSourceTests {
    var people: String { "ou=people,\(TestDirectory.base)" }
    var groups: String { "ou=groups,\(TestDirectory.base)" }

    @Test("a full read: 20 people, 4 groups with nested members, counts per base DN, snapshotComplete")
    func fullRead() async throws {
        let result = try await TestDirectory.source(baseDNs: [people, groups]).read(after: nil)
        #expect(result.isComplete && result.problems.isEmpty)
        #expect(result.counts[people] == SourceCount(users: 20, groups: 0))
        #expect(result.counts[groups] == SourceCount(users: 0, groups: 4))
        let objects = result.objects
        #expect(objects.allSatisfy { $0.anchor.rawValue.count == 36 }, "entryUUID, an operational attribute, was asked for")
        let byCN = Dictionary(objects.map { ($0.values("cn").first ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let allStaff = try #require(byCN["all-staff"])
        let expected: Set<Anchor> = [try #require(byCN["engineering"]).anchor, try #require(byCN["sales"]).anchor, try #require(byCN["Ivan Ivanov"]).anchor]
        #expect(Set(allStaff.members) == expected)
        #expect(allStaff.unresolvedMembers.isEmpty)
        #expect(objects.allSatisfy { $0.values("memberOf").isEmpty && $0.values("userPassword").isEmpty })
        let zoe = try #require(objects.first { $0.values("uid") == ["zoe"] })
        #expect(zoe.values("cn") == ["Zoë Ærøskøbing"])
    }

    @Test("a group whose members are outside the base DNs keeps them unresolved")
    func membersOutOfScope() async throws {
        let result = try await TestDirectory.source(baseDNs: [groups]).read(after: nil)
        let engineering = try #require(result.objects.first { $0.values("cn") == ["engineering"] })
        #expect(engineering.members.isEmpty)
        #expect(engineering.unresolvedMembers.count == 5)
    }

    @Test("a base DN that no longer exists makes the read incomplete; the other base DN is still read")
    func removedBaseDN() async throws {
        let name = "ou=gone-\(UUID().uuidString.prefix(8)),\(TestDirectory.base)"
        let admin = try await TestDirectory.admin()
        try await admin.add(LDAPEntry(dn: name, attributes: [
            LDAPAttribute(type: "objectClass", strings: ["organizationalUnit"]),
            LDAPAttribute(type: "ou", strings: [String(name.dropFirst(3).prefix { $0 != "," })]),
        ]))
        try await admin.add(LDAPEntry(dn: "uid=temp,\(name)", attributes: [
            LDAPAttribute(type: "objectClass", strings: ["inetOrgPerson"]),
            LDAPAttribute(type: "uid", strings: ["temp"]), LDAPAttribute(type: "cn", strings: ["Temp"]),
            LDAPAttribute(type: "sn", strings: ["Temp"]),
        ]))
        let source = try TestDirectory.source(baseDNs: [people, name])
        let before = try await source.read(after: nil)
        #expect(before.isComplete)
        #expect(before.counts[name] == SourceCount(users: 1, groups: 0))

        try await admin.delete("uid=temp,\(name)")
        try await admin.delete(name)
        await admin.close()
        let after = try await source.read(after: nil)
        #expect(!after.isComplete, "no snapshotComplete: absence must not mean deletion")
        let problem = try #require(after.problems.first)
        #expect(after.problems.count == 1)
        #expect(problem.code == .sourceReadIncomplete)
        #expect(problem.baseDN == name)
        #expect(problem.detail.contains("noSuchObject"))
        #expect(after.objects.count == 20, "the people are still read and upserted")
        #expect(after.counts[name] == nil && after.counts[people]?.users == 20)
    }

    @Test("the server's size limit (unpaged read past 1,000 entries) is ldap-size-limit, incomplete")
    func sizeLimit() async throws {
        let source = try TestDirectory.source(baseDNs: ["ou=bulk,\(TestDirectory.base)"], asReader: true, pageSize: 0)
        let result = try await source.read(after: nil)
        #expect(!result.isComplete)
        #expect(result.problems.map(\.code) == [.ldapSizeLimit])
        #expect(result.objects.count == 1000, "what came before the limit is kept for creates and updates")
        #expect(result.counts.isEmpty)
    }

    @Test("paged, the same read is complete")
    func pagedBulk() async throws {
        let source = try TestDirectory.source(baseDNs: ["ou=bulk,\(TestDirectory.base)"], asReader: true)
        let result = try await source.read(after: nil)
        #expect(result.isComplete)
        #expect(result.counts["ou=bulk,\(TestDirectory.base)"]?.users == TestDirectory.bulkCount)
    }

    @Test("a base DN the account may not read is ldap-insufficient-rights")
    func insufficientRights() async throws {
        let source = try TestDirectory.source(baseDNs: ["ou=restricted,\(TestDirectory.base)"], asReader: true)
        let result = try await source.read(after: nil)
        #expect(result.problems.map(\.code) == [.ldapInsufficientRights])
        #expect(!result.isComplete)
    }

    @Test("exclusions and a custom user filter narrow the scope")
    func exclusionsAndFilter() async throws {
        let source = try TestDirectory.source(baseDNs: [people]) { ldap in
            ldap.userFilter = "(&(objectClass=inetOrgPerson)(title=*Engineer*))"
            ldap.exclude = [AttributeRule(attribute: "uid", operator: .equals, values: ["bob"])]
        }
        let uids = Set(try await source.read(after: nil).objects.flatMap { $0.values("uid") })
        #expect(uids == ["alice", "carol", "dave", "erin", "niaj", "olivia"])
    }
}
