import Connectors
import LDAP
import SyncEngine
import Testing

@Suite("DirectoryObjectBuilder: entries into source objects")
struct DirectoryObjectBuilderTests {
    static func entry(_ dn: String, _ attributes: [String: [String]]) -> LDAPEntry {
        LDAPEntry(dn: dn, attributes: attributes.sorted { $0.key < $1.key }.map { LDAPAttribute(type: $0.key, strings: $0.value) })
    }

    static func user(_ uid: String, ou: String = "People", uuid: String? = nil, extra: [String: [String]] = [:]) -> LDAPEntry {
        var attributes: [String: [String]] = [
            "objectClass": ["inetOrgPerson"], "uid": [uid], "cn": ["User \(uid)"], "sn": [uid],
            "mail": ["\(uid)@example.org"], "entryUUID": [uuid ?? "uuid-\(uid)"], "userPassword": ["{SSHA}secret"],
        ]
        attributes.merge(extra) { $1 }
        return entry("uid=\(uid),ou=\(ou),dc=example,dc=org", attributes)
    }

    static func group(_ cn: String, members: [String]) -> LDAPEntry {
        entry("cn=\(cn),ou=Groups,dc=example,dc=org", [
            "objectClass": ["groupOfNames"], "cn": [cn], "member": members, "entryUUID": ["uuid-\(cn)"],
        ])
    }

    static func scope(
        baseDNs: [String] = ["ou=People,dc=example,dc=org", "ou=Groups,dc=example,dc=org"],
        exclusions: [AttributeRule] = [], scope: LDAPSourceConfiguration.Scope = .sub
    ) throws -> DirectoryScope {
        var ldap = LDAPSourceConfiguration(urls: ["ldap://localhost"], profile: .openldap, baseDNs: baseDNs)
        ldap.exclude = exclusions
        ldap.scope = scope
        return try DirectoryScope(source: "corp", configuration: ldap)
    }

    func build(_ entries: [LDAPEntry], scope: DirectoryScope? = nil) throws -> DirectoryRead {
        var builder = DirectoryObjectBuilder(scope: try scope ?? Self.scope())
        for entry in entries { builder.add(entry) }
        return builder.finish()
    }

    @Test("users and groups are chosen by the profile's filters; other entries are ignored")
    func kinds() throws {
        let read = try build([
            Self.entry("ou=People,dc=example,dc=org", ["objectClass": ["organizationalUnit"], "ou": ["People"]]),
            Self.user("alice"),
            Self.group("staff", members: ["uid=alice,ou=People,dc=example,dc=org"]),
        ])
        #expect(read.objects.map(\.kind) == [.user, .group])
        let alice = try #require(read.objects.first)
        #expect(alice.anchor == "uuid-alice")
        #expect(alice.source == "corp")
        #expect(alice.baseDN == "ou=People,dc=example,dc=org")
        #expect(alice.values("mail") == ["alice@example.org"])
        #expect(alice.values("userPassword").isEmpty, "password hashes are never copied")
        #expect(read.counts["ou=People,dc=example,dc=org"] == SourceCount(users: 1, groups: 0))
        #expect(read.counts["ou=Groups,dc=example,dc=org"] == SourceCount(users: 0, groups: 1))
    }

    @Test("members are resolved to anchors by DN, whatever the case and spacing; others stay unresolved")
    func members() throws {
        let read = try build([
            Self.group("staff", members: [
                "UID=Alice, OU=People, DC=Example, DC=Org",
                "cn=admins,ou=Groups,dc=example,dc=org",
                "uid=gone,ou=People,dc=example,dc=org",
                "CN=S-1-5-21-1,CN=ForeignSecurityPrincipals,DC=example,DC=org",
                "uid=ext,ou=Partners,dc=example,dc=org",
            ]),
            Self.user("alice"),
            Self.group("admins", members: ["cn=staff,ou=Groups,dc=example,dc=org"]),
            Self.user("ext", ou: "Partners"),
        ])
        let staff = try #require(read.objects.first { $0.anchor == "uuid-staff" })
        #expect(staff.members == ["uuid-alice", "uuid-admins"])
        #expect(staff.unresolvedMembers.count == 3)
        #expect(staff.unresolvedMembers.contains("uid=ext,ou=Partners,dc=example,dc=org"), "outside the base DNs")
        let admins = try #require(read.objects.first { $0.anchor == "uuid-admins" })
        #expect(admins.members == ["uuid-staff"], "a cycle is kept as the directory has it")
        #expect(staff.values("member").isEmpty, "members travel as anchors, not as attribute values")
    }

    @Test("entries outside the base DNs, excluded, without anchor or read twice are skipped with a reason")
    func skipped() throws {
        let read = try build([
            Self.user("alice"),
            Self.user("old", ou: "Alumni"),
            Self.user("svc", extra: ["description": ["Service account, do not sync"]]),
            Self.entry("uid=noid,ou=People,dc=example,dc=org", ["objectClass": ["inetOrgPerson"], "uid": ["noid"]]),
            Self.user("twin", uuid: "uuid-alice"),
            Self.group("staff", members: ["uid=svc,ou=People,dc=example,dc=org"]),
        ], scope: Self.scope(exclusions: [AttributeRule(attribute: "description", operator: .contains, values: ["do not sync"])]))
        #expect(read.objects.map(\.anchor) == ["uuid-alice", "uuid-staff"])
        let reasons = read.skipped.map(\.reason)
        #expect(reasons.contains(.outsideBaseDNs))
        #expect(reasons.contains(.excluded))
        #expect(reasons.contains(.noAnchor("entryUUID")))
        #expect(reasons.contains(.duplicateAnchor("uuid-alice")))
        let staff = try #require(read.objects.last)
        #expect(staff.members.isEmpty && staff.unresolvedMembers == ["uid=svc,ou=People,dc=example,dc=org"],
                "an excluded member is out of scope")
    }

    @Test("scope one: only the base DN's direct children")
    func singleLevel() throws {
        let read = try build(
            [Self.user("alice"), Self.entry("uid=deep,ou=Interns,ou=People,dc=example,dc=org", [
                "objectClass": ["inetOrgPerson"], "uid": ["deep"], "entryUUID": ["uuid-deep"],
            ])],
            scope: Self.scope(scope: .one))
        #expect(read.objects.map(\.anchor) == ["uuid-alice"])
    }

    @Test("without base DNs every entry is in scope, counted under \"\"")
    func noBaseDNs() throws {
        let read = try build([Self.user("alice"), Self.user("old", ou: "Alumni")], scope: Self.scope(baseDNs: []))
        #expect(read.objects.count == 2)
        #expect(read.objects.allSatisfy { $0.baseDN == nil })
        #expect(read.counts[""] == SourceCount(users: 2, groups: 0))
    }

    @Test("Active Directory: objectGUID anchors in canonical form, disabled users counted")
    func activeDirectory() throws {
        var ldap = LDAPSourceConfiguration(urls: ["ldap://dc1"], profile: .activeDirectory, baseDNs: ["DC=corp,DC=example"])
        ldap.attributes = []
        let scope = try DirectoryScope(source: "ad", configuration: ldap)
        let guid: [UInt8] = [0x78, 0x56, 0x34, 0x12, 0x34, 0x12, 0x78, 0x56, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0]
        let user = LDAPEntry(dn: "CN=Alice,OU=Staff,DC=corp,DC=example", attributes: [
            LDAPAttribute(type: "objectClass", strings: ["top", "person", "organizationalPerson", "user"]),
            LDAPAttribute(type: "objectCategory", strings: ["CN=Person,CN=Schema,CN=Configuration,DC=corp,DC=example"]),
            LDAPAttribute(type: "objectGUID", values: [guid]),
            LDAPAttribute(type: "userAccountControl", strings: ["514"]),
        ])
        let read = try build([user], scope: scope)
        let alice = try #require(read.objects.first)
        #expect(alice.anchor == "12345678-1234-5678-1234-56789abcdef0")
        #expect(alice.values("objectGUID") == ["12345678-1234-5678-1234-56789abcdef0"])
        #expect(read.disabledUsers == 1)
    }
}
