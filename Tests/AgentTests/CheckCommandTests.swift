import Foundation
import Testing
import TestSupport

@Suite("dsync check")
struct CheckCommandTests {
    /// `dsync check` on one CSV file holding `csv` (an unreachable target:
    /// the check fails anyway); its output.
    static func check(csv: String) async throws -> (folder: String, output: String) {
        let folder = try TestFolder.make("check").path
        try csv.write(toFile: folder + "/people.csv", atomically: true, encoding: .utf8)
        try "dsd_unused".write(toFile: folder + "/token", atomically: true, encoding: .utf8)
        try """
            target:
              url: http://127.0.0.1:1/scim/v2
              credential: file:\(folder)/token
            sources:
              - name: hr
                csv: {path: \(folder)/people.csv, identifier: employeeId}
            """.write(toFile: folder + "/dsync.yaml", atomically: true, encoding: .utf8)
        let output = try await Process.failure(
            of: DirectorydProcess.built("dsync", variable: "DSYNC_BIN"), ["check", "--config", folder + "/dsync.yaml"])
        return (folder, output)
    }

    @Test("a CSV source that cannot be read says why, with the setting that reads it")
    func csvProblem() async throws {
        let (folder, output) = try await Self.check(csv: "employeeId;email\n1;ada@example.com\n")
        #expect(output.contains("source hr: source-read-incomplete: \(folder)/people.csv, line 1: the header has no identifier column"), "\(output)")
        #expect(output.contains("set `delimiter: \";\"`"), "\(output)")
    }

    @Test("a mapped attribute the source does not have is field-unknown: a CSV file with a mail column where the mapping reads email")
    func unknownAttribute() async throws {
        let (_, output) = try await Self.check(csv: "employeeId,userName,mail\n1,ada,ada@example.com\n")
        #expect(output.contains("source hr: field-unknown: mapping.users.emails reads the attribute email, which the source hr does not have (it is not in the header of its files)"), "\(output)")
        #expect(!output.contains("attribute title"), "a default the file lacks is not reported: \(output)")
    }
}
