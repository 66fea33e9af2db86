import NIOCore
import Testing
@testable import LDAP

/// Failover on a bind the server cannot serve now (RFC 4511 §4.1.9), over
/// real loopback sockets.
@Suite struct BindFailoverTests {
    static func configuration(_ servers: [BindAnsweringServer]) -> LDAPConfiguration {
        LDAPConfiguration(
            urls: servers.map { LDAPURL(scheme: .ldap, host: "127.0.0.1", port: $0.port) },
            credentials: .simple(dn: "cn=svc,dc=example,dc=test", password: LDAPPassword("secret")))
    }

    @Test("a server answering the bind busy (51) or unavailable (52) is passed over for the next")
    func busyThenNext() async throws {
        for code in [LDAPResultCode.busy, .unavailable] {
            let starting = try await BindAnsweringServer(answering: code), ready = try await BindAnsweringServer(answering: .success)
            let connection = try await LDAPConnection.connect(Self.configuration([starting, ready]))
            #expect(connection.url.port == ready.port)
            await connection.close()
            await starting.close()
            await ready.close()
        }
    }

    @Test("every server busy: the error names each and why; a refused password is not tried elsewhere")
    func allBusyAndRefused() async throws {
        let first = try await BindAnsweringServer(answering: .busy), second = try await BindAnsweringServer(answering: .unavailable)
        let error = await #expect(throws: LDAPError.self) { _ = try await LDAPConnection.connect(Self.configuration([first, second])) }
        #expect(error?.code == .connectFailed)
        #expect(error?.attempts.count == 2, "\(String(describing: error))")
        let refusing = try await BindAnsweringServer(answering: .invalidCredentials), ready = try await BindAnsweringServer(answering: .success)
        let refused = await #expect(throws: LDAPError.self) { _ = try await LDAPConnection.connect(Self.configuration([refusing, ready])) }
        #expect(refused?.resultCode == .invalidCredentials)
        for server in [first, second, refusing, ready] { await server.close() }
    }
}
