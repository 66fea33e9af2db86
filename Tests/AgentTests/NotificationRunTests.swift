import Agent
import Foundation
import SyncEngine
import Testing
import TestSupport

/// `dsync notify test`, `dsync sync` and `dsync run` as an operator runs
/// them, with a real directoryd process and a real SMTP server: one message
/// for a run with failed objects, none for a clean run, and the SMTP
/// password nowhere in what was sent or printed.
@Suite("Notifications from dsync", .enabled(if: SMTPTestServer.available))
struct NotificationRunTests {
    /// The sample's entries marked `# BROKEN`; excluding them makes a clean run.
    static let broken = ["olga.meyer", "ben.meyer", "felix.schneider", "david.krause", "klara.meyer", "emma.schwarz", "olga.wolf"]

    static func configuration(directory: DirectorydProcess, token: String, folder: String, smtp: SMTPTestServer, clean: Bool) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try token.write(toFile: folder + "/token", atomically: true, encoding: .utf8)
        var yaml = """
            target:
              url: \(directory.baseURL)/scim/v2
              credential: file:\(folder)/token
            \(SampleDirectory.ldifSource(contractors: false))

            """
        if clean {
            yaml += """
                      exclude:
                        - attribute: uid
                          operator: equals
                          values: [\(broken.joined(separator: ", "))]

                """
        }
        yaml += smtp.section()
        let path = folder + "/dsync.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("`dsync notify test` sends a test message, and names the step when it cannot")
    func notifyTest() async throws {
        let smtp = try await SMTPTestServer()
        let folder = smtp.folder + "/agent"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let config = folder + "/dsync.yaml"
        try (ConfigurationYAML.minimal + smtp.section()).write(toFile: config, atomically: true, encoding: .utf8)
        let sent = try await ServiceTests.dsync(["notify", "test", "--config", config, "--verbose"])
        #expect(sent.status == 0, "\(sent.output)")
        #expect(sent.output.contains("sent: the server accepted the message for ops@example.org, oncall@example.org"), "\(sent.output)")
        #expect(sent.output.contains("C: STARTTLS") && sent.output.contains("<credentials redacted>"), "\(sent.output)")
        let messages = try smtp.messages()
        #expect(messages.count == 1 && messages.first?.subject.hasPrefix("dsync: test message from") == true)

        try "wrong\n".write(toFile: smtp.passwordFile, atomically: true, encoding: .utf8)
        let refused = try await ServiceTests.dsync(["notify", "test", "--config", config])
        #expect(refused.status == 1)
        #expect(refused.output.contains("not sent: AUTH refused: 535 5.7.8 Authentication credentials invalid"), "\(refused.output)")
        for output in [sent.output, refused.output] {
            #expect(!output.contains(smtp.password) && !output.contains(Data(smtp.password.utf8).base64EncodedString()))
        }
        #expect(try smtp.messages().count == 1)
    }

    @Test("a sync with failed objects sends exactly one message, a clean sync none; the service sends one after its run")
    func syncRuns() async throws {
        let smtp = try await SMTPTestServer()
        // Two directories: one account per address across organizations,
        // so a second organization of the same directory would refuse the
        // clean run's users (email-in-other-org).
        let directory = try DirectorydProcess()
        let (_, failingToken) = try await directory.organization(seats: 1000)
        try await directory.serve(rateLimit: 1000)
        defer { directory.stop() }
        let cleanDirectory = try DirectorydProcess()
        let (_, cleanToken) = try await cleanDirectory.organization(seats: 1000)
        try await cleanDirectory.serve(rateLimit: 1000)
        defer { cleanDirectory.stop() }
        var outputs: [String] = []

        let failing = try Self.configuration(directory: directory, token: failingToken, folder: directory.data + "/failing", smtp: smtp, clean: false)
        let first = try await ServiceTests.dsync(["sync", "--config", failing])
        outputs.append(first.output)
        #expect(first.status == 2, "\(first.output)")
        #expect(first.output.contains("notification sent to ops@example.org, oncall@example.org"), "\(first.output)")
        let messages = try smtp.messages()
        try #require(messages.count == 1)
        let runID = try #require(messages[0].subject.firstMatch(of: #/run (\S+) failed/#)?.1)
        #expect(messages[0].subject.hasSuffix("objects failed"), "\(messages[0].subject)")
        let invalidEmail = try #require(ConditionCatalogue.entry(.invalidEmail))
        #expect(messages[0].body.contains(invalidEmail.reason) && messages[0].body.contains(invalidEmail.remedy))
        #expect(messages[0].body.contains("dsync report \(runID) --config \(failing)"))

        let clean = try Self.configuration(directory: cleanDirectory, token: cleanToken, folder: cleanDirectory.data + "/clean", smtp: smtp, clean: true)
        let second = try await ServiceTests.dsync(["sync", "--config", clean])
        outputs.append(second.output)
        #expect(second.status == 0, "\(second.output)")
        #expect(!second.output.contains("notification"))
        #expect(try smtp.messages().count == 1, "a clean run sends nothing")

        // The service: the failing sample again, one message after its run.
        let data = directory.data + "/failing/dsync-data"
        let (service, log) = try ServiceTests.startService(config: failing, data: data)
        defer { if service.isRunning { service.terminate() } }
        let status = try await ServiceTests.waitForStatus(data: data) { $0.runs >= 1 && $0.state == .idle }
        #expect(status.lastNotification?.sent == true)
        #expect(status.lastNotification?.run == status.lastRun?.id)
        let statusText = try await ServiceTests.dsync(["status", "--config", failing, "--data", data])
        #expect(statusText.output.contains("last notification (run \(status.lastRun?.id ?? "?")"), "\(statusText.output)")
        #expect(statusText.output.contains("sent to ops@example.org, oncall@example.org"), "\(statusText.output)")
        let stop = try await ServiceTests.dsync(["stop", "--config", failing, "--data", data])
        #expect(stop.status == 0)
        #expect(try await ServiceTests.exit(of: service) == 0)
        let serviceLog = try String(contentsOfFile: log, encoding: .utf8)
        outputs.append(serviceLog)
        let after = try smtp.messages()
        #expect(after.count == 2, "\(serviceLog)")
        #expect(after.last?.subject.hasSuffix("objects failed") == true)
        #expect(serviceLog.contains("notification sent to ops@example.org, oncall@example.org"), "\(serviceLog)")

        // The SMTP password appears in nothing that was sent, printed or logged.
        let secrets = [smtp.password, Data(smtp.password.utf8).base64EncodedString(), Data("\0\(smtp.user)\0\(smtp.password)".utf8).base64EncodedString()]
        for text in outputs + after.map(\.raw) + after.map(\.body) {
            for secret in secrets { #expect(!text.contains(secret)) }
        }
    }
}
