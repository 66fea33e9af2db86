import Testing

/// When the suite runs through scripts/test, the servers must be there: the
/// integration suites below are skipped only when run outside it.
@Suite("Test servers")
struct ServerPresenceTests {
    @Test("scripts/test started the LDAP server and exported its settings", .enabled(if: TestServer.required))
    func ldapServerConfigured() {
        #expect(TestServer.available, "LDAP_TEST_URL is not set: scripts/ldap-test-server did not start or its env was not exported")
    }

    @Test("scripts/test started the Samba AD DC and exported its settings", .enabled(if: TestServer.required))
    func activeDirectoryConfigured() {
        #expect(ADTestServer.available, "AD_TEST_URL is not set: scripts/ad-test-server did not start or its env was not exported")
    }
}
