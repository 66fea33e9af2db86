import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `dsync sync` as an operator runs it: one log file per run in DATA/logs,
/// with neither the directory's token nor the bind password in it; the
/// report in every format.
@Suite("Run log files and reports from dsync")
struct RunLogFileTests {
    /// The dsync executable, waited for without holding a cooperative
    /// thread (the directory it talks to is served by this process).
    static func dsync(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await TargetRulesRunTests.dsync(arguments)
    }

    @Test("each run writes its own log file; the token and the bind password are not in it")
    func logs() async throws {
        let (target, application) = try await SampleTarget.make()
        let source = try LDIFSampleFixture(path: target.folder + "/directory.ldif")
        let password = "Bind-Pa55word-\(UUID().uuidString.prefix(8))"
        try password.write(toFile: target.folder + "/bind.password", atomically: true, encoding: .utf8)
        let token = try String(contentsOfFile: target.folder + "/token", encoding: .utf8)
        try await application.test(.live) { live in
            let port = try #require(live.port)
            let config = target.folder + "/dsync.yaml"
            // A second source, LDAP with a bind password, on a port nobody
            // listens on: its failure is logged, its password must not be.
            let yaml = target.configuration(port: port, source: source).replacingOccurrences(of: "\nmapping:", with: """

                  - name: corp
                    ldap:
                      urls: [ldap://127.0.0.1:1]
                      bindDN: cn=svc-dsync,dc=example,dc=org
                      password: file:\(target.folder)/bind.password
                      baseDNs:
                        - ou=Corp,dc=example,dc=org
                logs:
                  keep: 2
                  level: debug
                mapping:
                """)
            try yaml.write(toFile: config, atomically: true, encoding: .utf8)
            let data = target.folder + "/agent"
            for _ in 0..<3 { _ = try await Self.dsync(["sync", "--config", config, "--data", data]) }
            let logs = try FileManager.default.contentsOfDirectory(atPath: data + "/logs").sorted()
            #expect(logs.count == 2)
            for name in logs {
                let text = try String(contentsOfFile: data + "/logs/" + name, encoding: .utf8)
                #expect(text.contains("started"))
                #expect(text.contains("corp"))
                #expect(!text.contains(password))
                #expect(!text.contains(token.trimmingCharacters(in: .whitespacesAndNewlines)))
                // Conditions name the entry, by DN.
                #expect(text.contains("name=uid=ben.meyer,ou=People,dc=example,dc=org"), "\(text.prefix(3000))")
            }
            // The report of the last run, in each format.
            let html = try await Self.dsync(["report", "--config", config, "--data", data, "--format", "html"])
            #expect(html.status == 0 && html.output.hasPrefix("<!DOCTYPE html>"))
            let csv = try await Self.dsync(["report", "--config", config, "--data", data, "--format", "csv", "--condition", "invalid-email"])
            let rows = csv.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(csv.status == 0 && rows.count >= 2 && rows.dropFirst().allSatisfy { $0.contains(",invalid-email,") })
            let unknown = try await Self.dsync(["report", "--config", config, "--data", data, "--condition", "no-such-code"])
            #expect(unknown.status != 0)
            let both = try await Self.dsync(["report", "--config", config, "--data", data, "--condition", "invalid-email", "--conditions-only"])
            #expect(both.status != 0 && both.output.contains("give --condition CODE or --conditions-only, not both"), "\(both.output)")
        }
    }
}
