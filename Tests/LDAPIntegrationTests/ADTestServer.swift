import LDAP
import NIOCore

/// The Samba Active Directory domain controller that `scripts/ad-test-server`
/// started, described by the AD_TEST_* variables it writes. scripts/test starts
/// it next to slapd and sets DSYNC_TEST_REQUIRE_SERVERS, so a missing DC fails
/// instead of skipping.
///
/// The DC may come from the script's cache, so objects a test creates must
/// have names unique to the run (`uniqueName`) and be removed again.
enum ADTestServer {
    static func env(_ name: String) -> String? { TestServer.env(name) }

    static var available: Bool { env("AD_TEST_URL") != nil }

    static var url: LDAPURL { get throws { try LDAPURL(parsing: env("AD_TEST_URL") ?? "") } }
    /// ldaps://ADDRESS: the certificate names the address as well as
    /// dc1.example.test, which does not resolve here.
    static var ldapsURL: LDAPURL { get throws { try LDAPURL(parsing: env("AD_TEST_LDAPS_URL") ?? "") } }
    static var caFile: String { env("AD_TEST_CA_FILE") ?? "" }
    static var dcHostname: String { env("AD_TEST_DC_HOSTNAME") ?? "" }
    /// DC=example,DC=test
    static var base: String { env("AD_TEST_BASE") ?? "" }
    static var adminDN: String { env("AD_TEST_ADMIN_DN") ?? "" }
    static var svcDN: String { env("AD_TEST_SVC_DN") ?? "" }
    static var peopleCount: Int { Int(env("AD_TEST_PEOPLE_COUNT") ?? "") ?? 0 }
    static var bulkCount: Int { Int(env("AD_TEST_BULK_COUNT") ?? "") ?? 0 }
    static var bigGroupDN: String { env("AD_TEST_BIG_GROUP_DN") ?? "" }
    static var bigGroupSize: Int { Int(env("AD_TEST_BIG_GROUP_SIZE") ?? "") ?? 0 }

    static var people: String { "OU=People,\(base)" }
    static var groups: String { "OU=Groups,\(base)" }
    static var bulk: String { "OU=Bulk,\(base)" }

    static var adminPassword: LDAPPassword { get throws { try TestServer.password(env("AD_TEST_ADMIN_PASSWORD_FILE")) } }
    static var svcPassword: LDAPPassword { get throws { try TestServer.password(env("AD_TEST_SVC_PASSWORD_FILE")) } }
    /// The password of every user in OU=People.
    static var userPassword: LDAPPassword { get throws { try TestServer.password(env("AD_TEST_USER_PASSWORD_FILE")) } }

    static var admin: LDAPConfiguration.Credentials { get throws { .simple(dn: adminDN, password: try adminPassword) } }
    static var svc: LDAPConfiguration.Credentials { get throws { .simple(dn: svcDN, password: try svcPassword) } }

    static func configuration(
        _ credentials: LDAPConfiguration.Credentials, urls: [LDAPURL]? = nil, caFile: String? = nil
    ) throws -> LDAPConfiguration {
        LDAPConfiguration(
            urls: try urls ?? [url], caFile: caFile, credentials: credentials,
            connectTimeout: .seconds(5), operationTimeout: .seconds(60)
        )
    }

    static func connectAsAdmin() async throws -> LDAPConnection {
        try await LDAPConnection.connect(configuration(try admin))
    }

    static func connectAsService() async throws -> LDAPConnection {
        try await LDAPConnection.connect(configuration(try svc))
    }

    /// A name no earlier run used; short enough for sAMAccountName (20
    /// characters) with a suffix or two.
    static func uniqueName() -> String {
        "t\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Runs `body` with a fresh OU under the base, then deletes everything in
    /// it and the OU itself, also when `body` throws. AD refuses to delete an
    /// entry that still has children, so the deepest go first.
    static func withScratchOU(
        _ connection: LDAPConnection, _ body: (_ ou: String, _ name: String) async throws -> Void
    ) async throws {
        let name = uniqueName()
        let ou = "OU=\(name),\(base)"
        try await connection.add(LDAPEntry(dn: ou, attributes: [
            LDAPAttribute(type: "objectClass", strings: ["organizationalUnit"]),
            LDAPAttribute(type: "description", strings: ["Scratch OU of one test run"]),
        ]))
        do {
            try await body(ou, name)
        } catch {
            try? await removeSubtree(ou, connection)
            throw error
        }
        try await removeSubtree(ou, connection)
    }

    static func removeSubtree(_ dn: String, _ connection: LDAPConnection) async throws {
        let request = SearchRequest(baseObject: dn, scope: .wholeSubtree, attributes: ["1.1"])
        let entries = try await connection.search(request).collect().entries
        // More RDNs first: children before their parents.
        for entry in entries.sorted(by: { rdnCount($0.dn) > rdnCount($1.dn) }) {
            try await connection.delete(entry.dn)
        }
    }

    static func rdnCount(_ dn: String) -> Int {
        var count = 1
        var escaped = false
        for character in dn {
            if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "," { count += 1 }
        }
        return count
    }

    static func user(_ name: String, in ou: String, sn: String = "Test") -> LDAPEntry {
        LDAPEntry(dn: "CN=\(name),\(ou)", attributes: [
            LDAPAttribute(type: "objectClass", strings: ["user"]),
            LDAPAttribute(type: "sAMAccountName", strings: [name]),
            LDAPAttribute(type: "givenName", strings: ["Test"]),
            LDAPAttribute(type: "sn", strings: [sn]),
        ])
    }

    static func group(_ name: String, in ou: String, members: [String]) -> LDAPEntry {
        var attributes = [
            LDAPAttribute(type: "objectClass", strings: ["group"]),
            LDAPAttribute(type: "sAMAccountName", strings: [name]),
        ]
        if !members.isEmpty { attributes.append(LDAPAttribute(type: "member", strings: members)) }
        return LDAPEntry(dn: "CN=\(name),\(ou)", attributes: attributes)
    }
}
