import LDAP
import Testing

@Suite("OpenLDAP: TLS and failover", .enabled(if: TestServer.available))
struct OpenLDAPTransportTests {
    @Test("LDAPS with the test CA")
    func ldapsTrusted() async throws {
        let connection = try await LDAPConnection.connect(TestServer.configuration(urls: [TestServer.ldapsURL], caFile: TestServer.caFile))
        #expect(try await connection.whoAmI() == "dn:\(TestServer.adminDN)")
        await connection.close()
    }

    @Test("LDAPS without the CA fails as untrusted, and says so")
    func ldapsUntrusted() async throws {
        let error = await #expect(throws: LDAPError.self) {
            _ = try await LDAPConnection.connect(TestServer.configuration(urls: [TestServer.ldapsURL]))
        }
        #expect(error?.code == .connectFailed)
        #expect(error?.description.contains("not trusted") == true)
    }

    @Test("LDAPS with verification explicitly skipped connects")
    func ldapsSkipVerification() async throws {
        let connection = try await LDAPConnection.connect(TestServer.configuration(urls: [TestServer.ldapsURL], verification: .dangerouslySkipVerification))
        #expect(try await connection.whoAmI() == "dn:\(TestServer.adminDN)")
        await connection.close()
    }

    @Test("StartTLS with the test CA, by host name and by IP address")
    func startTLSTrusted() async throws {
        for url in [try TestServer.startTLSURL, try TestServer.url] {
            let connection = try await LDAPConnection.connect(TestServer.configuration(urls: [url], tlsMode: .startTLS, caFile: TestServer.caFile))
            #expect(try await connection.whoAmI() == "dn:\(TestServer.adminDN)")
            await connection.close()
        }
    }

    @Test("StartTLS without the CA fails before the password is sent")
    func startTLSUntrusted() async throws {
        let error = await #expect(throws: LDAPError.self) {
            _ = try await LDAPConnection.connect(TestServer.configuration(urls: [TestServer.startTLSURL], tlsMode: .startTLS))
        }
        #expect(error?.code == .connectFailed)
        #expect(error?.description.contains("not trusted") == true)
    }

    @Test("a dead server is skipped for the next one in the list")
    func failover() async throws {
        let dead = LDAPURL(scheme: .ldap, host: "127.0.0.1", port: 1)
        let connection = try await LDAPConnection.connect(TestServer.configuration(urls: [dead, try TestServer.url]))
        #expect(connection.url == (try TestServer.url))
        await connection.close()
    }

    @Test("when every server fails, one error lists each and why")
    func allServersFail() async throws {
        let urls = [LDAPURL(scheme: .ldap, host: "127.0.0.1", port: 1), LDAPURL(scheme: .ldap, host: "127.0.0.1", port: 2)]
        let error = await #expect(throws: LDAPError.self) {
            _ = try await LDAPConnection.connect(TestServer.configuration(urls: urls))
        }
        #expect(error?.code == .connectFailed)
        #expect(error?.attempts.map(\.url) == urls.map(\.description))
        #expect(error?.description.contains("ldap://127.0.0.1:2") == true)
    }

    @Test("the client connects again after its connection was closed")
    func clientReconnects() async throws {
        let client = LDAPClient(configuration: try TestServer.configuration())
        let first = try await client.connection()
        await first.close()
        let second = try await client.connection()
        #expect(second !== first)
        #expect(try await second.whoAmI() == "dn:\(TestServer.adminDN)")
        await client.close()
    }
}
