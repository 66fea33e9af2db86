import Foundation
public import Logging
public import SMTP
public import SyncEngine

/// Sends the `notifications` section's mail. A notification that cannot be
/// sent never fails the run: `notify` logs why and returns it. The SMTP
/// password is resolved here, just before sending, and never logged.
public struct Notifier: Sendable {
    public let configuration: NotificationsConfiguration
    let logger: Logger

    public init(configuration: NotificationsConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// What became of a notification.
    public enum Result: Sendable, CustomStringConvertible {
        /// Accepted by the server for these recipients (others refused).
        case sent(SMTPDelivery)
        /// Not sent, and why.
        case failed(String)

        public var description: String {
            switch self {
            case .sent(let delivery):
                var text = "sent to \(delivery.accepted.joined(separator: ", "))"
                if !delivery.refused.isEmpty {
                    text += "; refused for " + delivery.refused.map { "\($0.recipient) (\($0.reply))" }.joined(separator: ", ")
                }
                return text
            case .failed(let reason):
                return "not sent: \(reason)"
            }
        }
    }

    /// Sends the run's message when one of its events is configured (`on`);
    /// nil when there is nothing to say.
    @discardableResult
    public func notify(_ notice: RunNotice, context: RunNotification.Context) async -> Result? {
        let events = notice.events.intersection(configuration.on)
        guard !events.isEmpty else { return nil }
        var context = context
        context.listFailed = configuration.listFailed
        let message = SMTPMessage(
            from: configuration.from, to: configuration.to, subject: RunNotification.subject(notice),
            body: RunNotification.body(notice, context: context))
        let result: Result
        do {
            result = .sent(try await send(message))
        } catch {
            result = .failed("\(error)")
        }
        let metadata: Logger.Metadata = [
            "run": "\(notice.runID ?? "-")", "events": "\(events.sorted().map(\.rawValue).joined(separator: ","))",
            "server": "\(configuration.host):\(configuration.effectivePort)",
        ]
        switch result {
        case .sent(let delivery) where delivery.refused.isEmpty:
            logger.notice("notification \(result)", metadata: metadata)
        default:
            logger.error("notification \(result)", metadata: metadata)
        }
        return result
    }

    /// `dsync notify test`: a short message saying the settings work.
    public func sendTest(host: String, configurationPath: String) async throws -> SMTPDelivery {
        let body = """
            This is a test message from dsync on \(host).

            Notifications from \(configurationPath) reach you: dsync mails
            \(configuration.to.joined(separator: ", ")) when \(configuration.on.sorted().map(Self.phrase).joined(separator: ", ")).

            -- 
            Sent by `dsync notify test`.

            """
        return try await send(SMTPMessage(from: configuration.from, to: configuration.to, subject: "dsync: test message from \(host)", body: body))
    }

    static func phrase(_ event: NotificationsConfiguration.Event) -> String {
        switch event {
        case .runFailed: "a run fails"
        case .deletionLimit: "the deletion limit blocks a run"
        case .objectsFailed: "a run leaves objects failed"
        }
    }

    /// One message over a new connection. Throws `SMTPError`, or the
    /// secret's error when the password cannot be read.
    func send(_ message: SMTPMessage) async throws -> SMTPDelivery {
        try await SMTPClient(configuration: try smtpConfiguration(), logger: logger).send(message)
    }

    /// The client's settings, with the password read now.
    public func smtpConfiguration() throws -> SMTPConfiguration {
        var credentials: SMTPConfiguration.Credentials?
        if let username = configuration.username, let reference = configuration.password {
            let secret: Secret
            do {
                secret = try reference.resolve(environment: ProcessInfo.processInfo.environment, readFile: AgentEnvironment.readSecretFile)
            } catch let error as SecretUnavailable {
                throw NotifierError(description: "the SMTP password \(error.reference) cannot be read: it is not set")
            } catch {
                throw NotifierError(description: "the SMTP password \(reference) cannot be read: \(error.localizedDescription)")
            }
            credentials = SMTPConfiguration.Credentials(username: username, password: secret.value)
        }
        let tls: SMTPConfiguration.TLSMode = switch configuration.tls {
        case .starttls: .starttls
        case .implicit: .implicit
        case .none: .none
        }
        return SMTPConfiguration(
            host: configuration.host, port: configuration.effectivePort, tls: tls, credentials: credentials,
            caFile: configuration.caFile, clientName: Self.clientName(), timeout: configuration.timeout)
    }

    /// This machine's name for EHLO (RFC 5321 §4.1.1.1), when it is a
    /// plain domain name.
    static func clientName() -> String {
        let name = ProcessInfo.processInfo.hostName
        let allowed = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == ".") }
        return !name.isEmpty && allowed ? name : "localhost"
    }
}

/// The notification could not even be attempted.
public struct NotifierError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
