import Connectors
import LDAP
import SyncEngine

#if canImport(Glibc)
import Glibc
#endif

/// The slapd that `scripts/test` starts (`scripts/ldap-test-server`), found
/// through the LDAP_TEST_* variables; the suites are skipped without it, and
/// `ServerPresenceTests` in LDAPIntegrationTests fails when scripts/test
/// should have started it.
enum TestDirectory {
    static func env(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

    static var available: Bool { env("LDAP_TEST_URL") != nil }
    static var url: String { env("LDAP_TEST_URL") ?? "" }
    static var ldapsURL: String { env("LDAP_TEST_LDAPS_URL") ?? "" }
    static var caFile: String { env("LDAP_TEST_CA_FILE") ?? "" }
    static var base: String { env("LDAP_TEST_BASE") ?? "" }
    static var adminDN: String { env("LDAP_TEST_ADMIN_DN") ?? "" }
    static var readerDN: String { env("LDAP_TEST_READER_DN") ?? "" }
    /// A database whose reader may bind with its password over TLS only.
    static var strongBase: String { env("LDAP_TEST_STRONG_BASE") ?? "" }
    static var strongReaderDN: String { env("LDAP_TEST_STRONG_READER_DN") ?? "" }
    static var bulkCount: Int { Int(env("LDAP_TEST_BULK_COUNT") ?? "") ?? 0 }

    static func secret(_ variable: String) throws -> Secret {
        try SecretReference.file(env(variable) ?? "/nonexistent").resolve(environment: [:]) { path in
            guard let file = fopen(path, "r") else { throw Missing(path: path) }
            defer { fclose(file) }
            var bytes: [UInt8] = []
            while case let c = fgetc(file), c != EOF { bytes.append(UInt8(c)) }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    static var adminPassword: Secret { get throws { try secret("LDAP_TEST_ADMIN_PASSWORD_FILE") } }
    static var readerPassword: Secret { get throws { try secret("LDAP_TEST_READER_PASSWORD_FILE") } }

    struct Missing: Error { let path: String }

    /// An LDAP source configured the way `dsync.yaml` would, as the admin
    /// unless told otherwise.
    static func configuration(baseDNs: [String], bindDN: String? = nil, urls: [String]? = nil) -> LDAPSourceConfiguration {
        var ldap = LDAPSourceConfiguration(urls: urls ?? [url], profile: .openldap, baseDNs: baseDNs)
        ldap.bindDN = bindDN ?? adminDN
        return ldap
    }

    static func source(
        baseDNs: [String], asReader: Bool = false, pageSize: Int = 1000, configure: (inout LDAPSourceConfiguration) -> Void = { _ in }
    ) throws -> LDAPSource {
        var ldap = configuration(baseDNs: baseDNs, bindDN: asReader ? readerDN : adminDN)
        configure(&ldap)
        return try LDAPSource(
            name: "test", configuration: ldap, password: asReader ? try readerPassword : try adminPassword, pageSize: pageSize)
    }

    static func admin() async throws -> LDAPConnection {
        try await LDAPConnection.connect(LDAPConfiguration(
            urls: [try LDAPURL(parsing: url)],
            credentials: .simple(dn: adminDN, password: LDAPPassword(try adminPassword.value))))
    }
}

extension SourceReadResult {
    var objects: [SourceObject] { events.compactMap { if case .upsert(let object) = $0 { object } else { nil } } }
    var problems: [SourceReadProblem] { events.compactMap { if case .readIncomplete(let problem) = $0 { problem } else { nil } } }
    var isComplete: Bool { events.contains(.snapshotComplete) }
}
