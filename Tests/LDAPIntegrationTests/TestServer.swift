import LDAP
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// The slapd that `scripts/ldap-test-server` started, described by the
/// LDAP_TEST_* variables it writes. Run through `scripts/test`, which also sets
/// DSYNC_TEST_REQUIRE_SERVERS so a missing server fails instead of skipping.
enum TestServer {
    static func env(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    static var available: Bool { env("LDAP_TEST_URL") != nil }
    static var required: Bool { env("DSYNC_TEST_REQUIRE_SERVERS") == "1" }

    static var url: LDAPURL { get throws { try LDAPURL(parsing: env("LDAP_TEST_URL") ?? "") } }
    static var ldapsURL: LDAPURL { get throws { try LDAPURL(parsing: env("LDAP_TEST_LDAPS_URL") ?? "") } }
    static var startTLSURL: LDAPURL { get throws { try LDAPURL(parsing: env("LDAP_TEST_STARTTLS_HOST_URL") ?? "") } }
    static var caFile: String { env("LDAP_TEST_CA_FILE") ?? "" }
    static var base: String { env("LDAP_TEST_BASE") ?? "" }
    static var adminDN: String { env("LDAP_TEST_ADMIN_DN") ?? "" }
    static var readerDN: String { env("LDAP_TEST_READER_DN") ?? "" }
    static var bulkCount: Int { Int(env("LDAP_TEST_BULK_COUNT") ?? "") ?? 0 }

    static var adminPassword: LDAPPassword { get throws { try password(env("LDAP_TEST_ADMIN_PASSWORD_FILE")) } }
    static var readerPassword: LDAPPassword { get throws { try password(env("LDAP_TEST_READER_PASSWORD_FILE")) } }

    static func password(_ path: String?) throws -> LDAPPassword {
        guard let path, let file = fopen(path, "r") else { throw TestServerError.missing("password file \(path ?? "(unset)")") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        while true {
            let c = fgetc(file)
            if c == EOF { break }
            bytes.append(UInt8(c))
        }
        while bytes.last == 0x0A { bytes.removeLast() }
        return LDAPPassword(bytes: bytes)
    }

    static func configuration(
        urls: [LDAPURL]? = nil, tlsMode: LDAPConfiguration.TLSMode = .fromURL, caFile: String? = nil,
        verification: LDAPConfiguration.CertificateVerification = .full, asAdmin: Bool = true
    ) throws -> LDAPConfiguration {
        LDAPConfiguration(
            urls: try urls ?? [url], tlsMode: tlsMode, caFile: caFile, certificateVerification: verification,
            credentials: asAdmin ? .simple(dn: adminDN, password: try adminPassword) : .anonymous,
            connectTimeout: .seconds(5), operationTimeout: .seconds(30)
        )
    }

    static func connectAsAdmin() async throws -> LDAPConnection {
        try await LDAPConnection.connect(configuration())
    }

    enum TestServerError: Error {
        case missing(String)
    }
}
