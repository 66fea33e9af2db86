import Agent
import Foundation
import Logging
import SMTP
import SyncEngine
import Testing

/// The SMTP client and the notifier against a real SMTP server on loopback
/// (scripts/smtp-test-server): STARTTLS, AUTH, refusals, each named by step.
@Suite("Notifications delivered over SMTP", .enabled(if: SMTPTestServer.available))
struct NotificationDeliveryTests {
    /// A run with failed objects, as the executor reports one.
    static func notice() -> RunNotice {
        var notice = RunNotice(
            runID: "run-42", startedAt: Date(timeIntervalSince1970: 1_751_364_000), endedAt: Date(timeIntervalSince1970: 1_751_364_060), outcome: "failures")
        notice.countsByAction = ["create": 190, "member-add": 20]
        notice.countsByCondition = ["invalid-email": 2, "duplicate-in-source": 2]
        notice.failed = [
            ObjectResult(anchor: "a1", kind: .user, action: .none, code: .invalidEmail, attribute: "emails", detail: "no address"),
            ObjectResult(anchor: "a2", kind: .user, action: .none, code: .invalidEmail, attribute: "emails", value: "ben@@example.org", detail: "not an address"),
            ObjectResult(anchor: "a3", kind: .user, action: .none, code: .duplicateInSource, detail: "same address as a4"),
            ObjectResult(anchor: "a4", kind: .user, action: .none, code: .duplicateInSource, detail: "same address as a3"),
        ]
        notice.failedCount = 4
        return notice
    }

    static func configuration(_ server: SMTPTestServer, tls: String = "starttls", auth: Bool = true, password: String? = nil) throws -> NotificationsConfiguration {
        var yaml = ConfigurationYAML.minimal + server.section(tls: tls, auth: auth)
        if let password { yaml = yaml.replacingOccurrences(of: "file:\(server.passwordFile)", with: "file:\(password)") }
        return try #require(try Configuration.parse(yaml: yaml).notifications)
    }

    static let context = RunNotification.Context(host: "agent.example.org", configurationPath: "/etc/dsync/dsync.yaml")

    @Test("STARTTLS and AUTH deliver the run's message to every recipient, with each condition's reason and remedy", arguments: ["PLAIN,LOGIN", "LOGIN"])
    func delivers(mechanisms: String) async throws {
        let server = try await SMTPTestServer(mechanisms: mechanisms)
        let notifier = Notifier(configuration: try Self.configuration(server), logger: Logger(label: "test"))
        let result = await notifier.notify(Self.notice(), context: Self.context)
        guard case .sent(let delivery) = result else { Issue.record("\(String(describing: result))"); return }
        #expect(delivery.accepted == ["ops@example.org", "oncall@example.org"])
        let messages = try server.messages()
        try #require(messages.count == 1)
        let message = messages[0]
        #expect(message.tls && message.user == server.user)
        #expect(message.from == "dsync@example.org" && message.to == ["ops@example.org", "oncall@example.org"])
        #expect(message.subject == "dsync: run run-42 failed — 4 objects failed")
        for code in [ConditionCode.invalidEmail, .duplicateInSource] {
            let entry = try #require(ConditionCatalogue.entry(code))
            #expect(message.body.contains("Reason: \(entry.reason)"), "\(code)")
            #expect(message.body.contains("Remedy: \(entry.remedy)"), "\(code)")
        }
        #expect(message.body.contains("user a2: invalid-email (emails) — not an address"))
        #expect(message.body.contains("dsync report run-42 --config /etc/dsync/dsync.yaml"))
        #expect(!message.raw.contains(server.password) && !message.raw.contains(Data(server.password.utf8).base64EncodedString()))
    }

    @Test("a wrong password fails at AUTH with the server's reply, and nothing is sent")
    func wrongPassword() async throws {
        let server = try await SMTPTestServer()
        let wrong = server.folder + "/wrong.password"
        try "not-the-password\n".write(toFile: wrong, atomically: true, encoding: .utf8)
        let notifier = Notifier(configuration: try Self.configuration(server, password: wrong), logger: Logger(label: "test"))
        let result = await notifier.notify(Self.notice(), context: Self.context)
        guard case .failed(let reason) = result else { Issue.record("\(String(describing: result))"); return }
        #expect(reason == "AUTH refused: 535 5.7.8 Authentication credentials invalid")
        #expect(try server.messages().isEmpty)
    }

    @Test("a server without STARTTLS is refused when STARTTLS is required, before any credential is sent")
    func startTLSRequired() async throws {
        let server = try await SMTPTestServer(tls: "none")
        var configuration = try Self.configuration(server, tls: "starttls")
        configuration.caFile = nil
        let client = SMTPClient(configuration: try Notifier(configuration: configuration, logger: Logger(label: "test")).smtpConfiguration())
        do {
            _ = try await client.send(SMTPMessage(from: "dsync@example.org", to: ["ops@example.org"], subject: "x", body: "x"))
            Issue.record("sent without TLS")
        } catch {
            #expect(error.step == .startTLS)
            #expect(error.description.contains("does not offer STARTTLS"), "\(error)")
        }
        #expect(try server.messages().isEmpty)
        // The same server is fine with `tls: none` on loopback, without AUTH.
        let plain = Notifier(configuration: try Self.configuration(server, tls: "none", auth: false), logger: Logger(label: "test"))
        let delivery = try await plain.sendTest(host: "agent.example.org", configurationPath: "dsync.yaml")
        #expect(delivery.accepted.count == 2)
        #expect(try server.messages().map(\.tls) == [false])
    }

    @Test("implicit TLS delivers; a certificate nobody vouches for is refused at the TLS handshake")
    func implicitTLS() async throws {
        let server = try await SMTPTestServer(tls: "implicit")
        let notifier = Notifier(configuration: try Self.configuration(server, tls: "implicit"), logger: Logger(label: "test"))
        _ = try await notifier.sendTest(host: "agent.example.org", configurationPath: "dsync.yaml")
        #expect(try server.messages().map(\.tls) == [true])

        var untrusted = try Self.configuration(server, tls: "implicit")
        untrusted.caFile = nil
        do {
            _ = try await Notifier(configuration: untrusted, logger: Logger(label: "test")).sendTest(host: "agent.example.org", configurationPath: "dsync.yaml")
            Issue.record("an untrusted certificate was accepted")
        } catch let error as SMTPError {
            #expect(error.step == .tls && error.description.contains("certificate"), "\(error)")
        }
        #expect(try server.messages().count == 1)
    }
}

/// The smallest configuration the loader takes, for the notification section's tests.
enum ConfigurationYAML {
    static let minimal = """
        target:
          url: http://127.0.0.1:1/scim/v2
          credential: env:DSYNC_UNUSED_TOKEN
        sources:
          - ldif:
              path: /nonexistent.ldif

        """
}
