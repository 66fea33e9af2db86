import Agent
import DirectoryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SCIM
import SyncEngine
import Testing

/// A folder of CSV files synced into a real directoryd (served on a loopback
/// port), and the agent's own groups (`groups`) from the sample directory.
@Suite("CSV source and group options end to end")
struct CSVSyncRunTests {
    static let header = "employeeId;userName;email;givenName;familyName;status;groups\r\n"

    static func row(_ id: String, _ name: String, status: String = "active", groups: String) -> String {
        "\(id);\(name);\(name)@example.org;\(name.capitalized);\"Example; Jr.\";\(status);\(groups)\r\n"
    }

    /// dsync.yaml for the CSV folder, with a group of all users.
    static func environment(_ target: SampleTarget, port: Int, folder: String) throws -> AgentEnvironment {
        let yaml = """
            target:
              url: http://127.0.0.1:\(port)/scim/v2
              credential: file:\(target.folder)/token
            sources:
              - name: hr
                csv:
                  path: \(folder)
                  delimiter: ";"
                  identifier: employeeId
                  disabled: {attribute: status, operator: equals, values: [inactive]}
                  groups: groups
                  settleSeconds: 0
            groups:
              allUsers: All staff
            safety:
              deletionLimit: {count: 5, percentage: 100}
            """
        return try AgentEnvironment(configuration: try Configuration.parse(yaml: yaml), dataFolder: target.folder + "/agent", logger: Logger(label: "test"))
    }

    static func sync(_ target: SampleTarget, port: Int, folder: String) async throws -> SyncRunner.Outcome {
        let environment = try environment(target, port: port, folder: folder)
        let outcome = try await SyncRunner(environment: environment).run(apply: true, allowDeletes: false)
        await environment.shutdown()
        return outcome
    }

    func memberNames(_ target: SampleTarget, group anchor: String) async throws -> [String] {
        let group = try #require(try await target.group(anchor: anchor))
        let ids = try await target.members(of: group)
        return try await target.users().filter { ids.contains($0.id) }.map(\.userName).sorted()
    }

    @Test("two CSV files: users, groups from names and the group of all users; then a row gone, one disabled, one bad")
    func csvFolder() async throws {
        let (target, application) = try await SampleTarget.make()
        let folder = target.folder + "/hr"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try await application.test(.live) { live in
            let port = try #require(live.port)
            try (Self.header + Self.row("1", "ada", groups: "Engineering|Staff") + Self.row("2", "bob", groups: "Staff"))
                .write(toFile: folder + "/office.csv", atomically: true, encoding: .utf8)
            try (Self.header + Self.row("3", "cy", groups: "staff|Board"))
                .write(toFile: folder + "/board.csv", atomically: true, encoding: .utf8)
            let first = try await Self.sync(target, port: port, folder: folder)
            let report = try #require(first.report)
            #expect(first.sourceFailures.isEmpty)
            #expect(report.failed.isEmpty, "\(report.failed)")
            #expect(report.countsByAction["create"] == 7, "\(report.countsByAction)")  // 3 users, 3 named groups, all staff
            #expect(try await target.users().map(\.userName).sorted() == ["ada", "bob", "cy"])
            // board.csv is read first (files go by name): its spelling names the group.
            #expect(try await target.groups().map(\.displayName).sorted() == ["All staff", "Board", "Engineering", "staff"])
            #expect(try await memberNames(target, group: "csv-group:staff") == ["ada", "bob", "cy"])
            #expect(try await memberNames(target, group: "all-users") == ["ada", "bob", "cy"])
            let ada = try #require(try await target.user(anchor: "1").first)
            #expect(ada.document["name"]?["familyName"]?.stringValue == "Example; Jr.")

            // bob's row is gone, cy is disabled, a new row has too few fields.
            try (Self.header + Self.row("1", "ada", groups: "Engineering|Staff") + "4;dee;dee@example.org\r\n")
                .write(toFile: folder + "/office.csv", atomically: true, encoding: .utf8)
            try (Self.header + Self.row("3", "cy", status: "inactive", groups: "staff|Board"))
                .write(toFile: folder + "/board.csv", atomically: true, encoding: .utf8)
            let second = try await Self.sync(target, port: port, folder: folder)
            let secondReport = try #require(second.report)
            #expect(!secondReport.blocked)
            #expect(secondReport.countsByAction["deactivate"] == 2, "\(secondReport.countsByAction)")
            let bad = try #require(second.plan.conditions.first { $0.code == .sourceRowInvalid })
            #expect(bad.anchor == "4")
            #expect(bad.detail == "\(folder)/office.csv, line 3: 3 fields where the header has 7")
            #expect(try await target.user(anchor: "2").first?.active == false)
            #expect(try await target.user(anchor: "3").first?.active == false)
            #expect(try await target.user(anchor: "4").isEmpty)
            #expect(try await memberNames(target, group: "csv-group:staff") == ["ada", "cy"])
            #expect(try await memberNames(target, group: "all-users") == ["ada", "cy"])
        }
    }

    @Test("the sample directory with a group per base DN and one of all users")
    func groupOptions() async throws {
        let (target, application) = try await SampleTarget.make()
        try await application.test(.live) { live in
            let yaml = """
                target:
                  url: http://127.0.0.1:\(try #require(live.port))/scim/v2
                  credential: file:\(target.folder)/token
                sources:
                  - name: sample
                    ldif:
                      path: \(SyncRunTests.samples)/directory-v1.ldif
                      baseDNs:
                        - ou=People,dc=example,dc=org
                        - ou=Contractors,dc=example,dc=org
                        - ou=Groups,dc=example,dc=org
                groups:
                  allUsers: Everyone
                  perBaseDN: "OU {rdn}"
                """
            let environment = try AgentEnvironment(
                configuration: try Configuration.parse(yaml: yaml), dataFolder: target.folder + "/agent", logger: Logger(label: "test"))
            let outcome = try await SyncRunner(environment: environment).run(apply: true, allowDeletes: false)
            await environment.shutdown()
            #expect(try #require(outcome.report).blocked == false)
            let names = Set(try await target.groups().map(\.displayName))
            #expect(names.isSuperset(of: ["Everyone", "OU People", "OU Contractors", "OU Groups"]))
            let users = try await target.users()
            let everyone = try #require(try await target.group(anchor: "all-users"))
            #expect(try await target.members(of: everyone) == Set(users.map(\.id)))
            let contractors = try #require(try await target.group(anchor: "ou-group:ou=contractors,dc=example,dc=org"))
            let contractorIDs = try await target.members(of: contractors)
            #expect(!contractorIDs.isEmpty && contractorIDs.count < 28 + 1)
            let people = try #require(try await target.group(anchor: "ou-group:ou=people,dc=example,dc=org"))
            #expect(try await target.members(of: people).count + contractorIDs.count == users.count)
        }
    }
}
