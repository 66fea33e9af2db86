import Connectors
import SyncEngine
import Testing

@Suite("LDAPSource.check (dsync check) against the test slapd", .enabled(if: TestDirectory.available))
struct LDAPSourceCheckTests {
    @Test("counts users and groups per base DN, and names a missing base DN")
    func counts() async throws {
        let people = "ou=people,\(TestDirectory.base)"
        let groups = "ou=groups,\(TestDirectory.base)"
        let missing = "ou=nowhere,\(TestDirectory.base)"
        let report = try await TestDirectory.source(baseDNs: [people, groups, missing]).check()
        #expect(report.connection == nil)
        #expect(report.baseDNs.map(\.baseDN) == [people, groups, missing])
        #expect(report.baseDNs[0].count == SourceCount(users: 20, groups: 0))
        #expect(report.baseDNs[1].count == SourceCount(users: 0, groups: 4))
        #expect(report.baseDNs[2].count == nil)
        #expect(report.conditions == [.sourceReadIncomplete])
    }

    @Test("a wrong password is ldap-bind-failed")
    func wrongPassword() async throws {
        let source = try LDAPSource(
            name: "test", configuration: TestDirectory.configuration(baseDNs: [TestDirectory.base]), password: Secret("wrong"))
        let report = await source.check()
        #expect(report.conditions == [.ldapBindFailed])
        #expect(report.baseDNs.isEmpty)
    }

    @Test("no server answering is dc-unavailable; read throws it too")
    func unreachable() async throws {
        let source = try LDAPSource(
            name: "test", configuration: TestDirectory.configuration(baseDNs: [TestDirectory.base], urls: ["ldap://127.0.0.1:1", "ldap://127.0.0.1:2"]),
            password: try TestDirectory.adminPassword)
        #expect(await source.check().conditions == [.dcUnavailable])
        let error = await #expect(throws: LDAPSourceError.self) { _ = try await source.read(after: nil) }
        #expect(error?.condition == .dcUnavailable)
    }

    @Test("failover: a dead server first, then the live one")
    func failover() async throws {
        let source = try LDAPSource(
            name: "test", configuration: TestDirectory.configuration(baseDNs: ["ou=groups,\(TestDirectory.base)"], urls: ["ldap://127.0.0.1:1", TestDirectory.url]),
            password: try TestDirectory.adminPassword)
        #expect(await source.check().isHealthy)
    }

    @Test("LDAPS with a CA the agent does not trust is tls-untrusted; with the CA file it works")
    func untrusted() async throws {
        var ldap = TestDirectory.configuration(baseDNs: ["ou=groups,\(TestDirectory.base)"], urls: [TestDirectory.ldapsURL])
        let untrusted = try LDAPSource(name: "test", configuration: ldap, password: try TestDirectory.adminPassword)
        #expect(await untrusted.check().conditions == [.tlsUntrusted])
        ldap.caFile = TestDirectory.caFile
        let trusted = try LDAPSource(name: "test", configuration: ldap, password: try TestDirectory.adminPassword)
        #expect(await trusted.check().isHealthy)
    }

    @Test("an account that may bind over TLS only: plain LDAP is ldap-strong-auth-required, the check says why; LDAPS works")
    func strongAuthRequired() async throws {
        var ldap = TestDirectory.configuration(baseDNs: [TestDirectory.strongBase], bindDN: TestDirectory.strongReaderDN)
        let plain = try LDAPSource(name: "test", configuration: ldap, password: try TestDirectory.readerPassword)
        let refused = await plain.check()
        #expect(refused.conditions == [.ldapStrongAuthRequired], "\(refused)")
        #expect(refused.baseDNs.isEmpty)
        let error = await #expect(throws: LDAPSourceError.self) { _ = try await plain.read(after: nil) }
        #expect(error?.condition == .ldapStrongAuthRequired)

        ldap.urls = [TestDirectory.ldapsURL]
        ldap.caFile = TestDirectory.caFile
        let tls = try LDAPSource(name: "test", configuration: ldap, password: try TestDirectory.readerPassword)
        let report = await tls.check()
        #expect(report.isHealthy, "\(report)")
    }

    @Test("the check and the read carry the schema's attribute names: the default mapping's are all there, a typo is field-unknown")
    func schemaNames() async throws {
        let source = try TestDirectory.source(baseDNs: ["ou=people,\(TestDirectory.base)"], asReader: true)
        let names = try #require(await source.check().attributeNames)
        #expect(MappingConfiguration.defaults(for: .openldap).unknownSourceAttributes(in: names).isEmpty)
        let typo = MappingConfiguration(users: [FieldMapping("title", from: ["titel"])], groups: [])
        #expect(typo.unknownSourceAttributes(in: names).map(\.attribute) == ["titel"])
        let read = try await source.read(after: nil)
        #expect(read.events.contains(.attributes(names)))
    }

    @Test("a bind DN without a password is refused before anything is sent")
    func noPassword() {
        #expect(throws: LDAPSourceError.self) {
            _ = try LDAPSource(name: "test", configuration: TestDirectory.configuration(baseDNs: [TestDirectory.base]), password: nil)
        }
    }
}
