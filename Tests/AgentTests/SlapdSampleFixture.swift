import Foundation
import LDAP

/// The sample directory in the test slapd (scripts/ldap-test-server, found
/// through LDAP_TEST_* variables): each fixture loads version 1 over LDAP
/// into a subtree of its own of the samples database
/// (`dc=rXXXXXXXX,dc=samples,dc=test`), keeping the sample's entryUUIDs (the
/// Relax Rules control lets the rootdn set them), so the anchors are those
/// of the LDIF file. Changes are sent as the LDAP operations they are
/// (modify, modrdn, delete, add); ppolicy is loaded, so a lock is
/// `pwdAccountLockedTime`.
final class SlapdSampleFixture: SampleSourceFixture {
    static func env(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }

    static var available: Bool { env("LDAP_TEST_URL") != nil && env("LDAP_TEST_SAMPLES_BASE") != nil }

    let sample: SampleDirectory
    let connection: LDAPConnection

    private init(sample: SampleDirectory, connection: LDAPConnection) {
        self.sample = sample
        self.connection = connection
    }

    static func connect() async throws -> LDAPConnection {
        let password = try String(contentsOfFile: env("LDAP_TEST_ADMIN_PASSWORD_FILE") ?? "/nonexistent", encoding: .utf8)
        return try await LDAPConnection.connect(LDAPConfiguration(
            urls: [try LDAPURL(parsing: env("LDAP_TEST_URL") ?? "")],
            credentials: .simple(dn: env("LDAP_TEST_ADMIN_DN") ?? "", password: LDAPPassword(password))))
    }

    static func load() async throws -> SlapdSampleFixture {
        let run = "r" + UUID().uuidString.prefix(8).lowercased()
        let sample = SampleDirectory(base: "dc=\(run),\(env("LDAP_TEST_SAMPLES_BASE") ?? "")")
        let connection = try await connect()
        for entry in try sample.entries() {
            try await connection.add(entry, controls: [.relax])
        }
        return SlapdSampleFixture(sample: sample, connection: connection)
    }

    var sourcesYAML: String {
        """
        sources:
          - name: sample
            ldap:
              urls: [\(Self.env("LDAP_TEST_URL") ?? "")]
              bindDN: \(Self.env("LDAP_TEST_ADMIN_DN") ?? "")
              password: file:\(Self.env("LDAP_TEST_ADMIN_PASSWORD_FILE") ?? "")
              profile: openldap
              baseDNs:
        \(baseDNsYAML)
        """
    }

    func apply(_ changes: [LDIFChange]) async throws {
        for change in changes {
            try await connection.apply(change, extraControls: [.relax])
        }
    }

    func close() async {
        await connection.close()
    }
}
