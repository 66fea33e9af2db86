import Foundation
import Testing
import TestSupport

/// `dsync demo` as the README runs it: a throwaway directoryd, the sample
/// synced into it, then its second version.
@Suite("dsync demo")
struct DemoCommandTests {
    @Test("from the LDIF files: the first run creates and names every refused object's reason; the second applies version 2 incrementally")
    func ldifDemo() async throws {
        let folder = TestFolder.path("demo").path
        let result = try await ServiceTests.dsync(["demo", "--source", "ldif", "--folder", folder, "--repository", SMTPTestServer.repository])
        #expect(result.status == 0, "\(result.output)")
        let output = result.output
        #expect(output.contains("== --source ldif: dsync reads the LDIF files in Samples/"))
        #expect(output.contains("plan: 213 create, 20 member-add; 7 condition(s)"), "\(output)")
        for code in ["duplicate-in-source", "invalid-email", "domain-not-verified", "too-long", "plan-limit"] {
            #expect(output.contains("\(code) ("), "\(code) explained")
        }
        #expect(output.contains("plan: 13 create, 2 deactivate, 11 member-add, 5 member-remove, 2 update"), "\(output)")
        // The reports list only the objects with a condition, each by name:
        // a refused entry by its DN, a create the seats refused by userName.
        #expect(output.contains("only results with a condition: 20"), "\(output)")
        #expect(output.contains("  none          uid=ben.meyer,ou=People,dc=example,dc=org  invalid-email (emails)"), "\(output)")
        let creates = output.split(separator: "\n").filter { $0.hasPrefix("  create ") }
        #expect(!creates.isEmpty && creates.allSatisfy { $0.contains(" plan-limit (active)") }, "\(creates)")
        let named = creates.map { $0.split(separator: " ")[1] }
        #expect(named.allSatisfy { $0.wholeMatch(of: /[0-9a-f-]{36}/) == nil }, "named by userName, not by anchor: \(named)")
        #expect(output.contains("demo: done; read from the LDIF files."))
        // The API token is in a file only its owner reads.
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/target.token")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }
}
