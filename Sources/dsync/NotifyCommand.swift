import Agent
import ArgumentParser
import Foundation
import Logging
import SMTP
import SyncEngine

/// `dsync notify test`: sends a test message with the `notifications`
/// settings and says which step failed, if one did.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify", abstract: "Email notifications.", subcommands: [NotifyTestCommand.self])
}

struct NotifyTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Send a test message with the configuration's `notifications` settings.")

    @Option(name: .customLong("config"), help: "The configuration file.")
    var config = "dsync.yaml"

    @Flag(name: .shortAndLong, help: "Show the conversation with the server (without credentials).")
    var verbose = false

    func run() async throws {
        let configuration: Configuration
        configuration = try Configuration.load(path: config)
        guard let notifications = configuration.notifications else {
            throw CommandFailure("\(config) has no `notifications` section (docs/configuration.md describes it)")
        }
        var logger = Logger(label: "dsync.smtp")
        logger.logLevel = verbose ? .debug : .critical
        let notifier = Notifier(configuration: notifications, logger: logger)
        var how = "tls: \(notifications.tls.rawValue)"
        if let username = notifications.username { how += ", AUTH as \(username)" }
        print("sending a test message from \(notifications.from) to \(notifications.to.joined(separator: ", ")) through \(notifications.host):\(notifications.effectivePort) (\(how))")
        do {
            let delivery = try await notifier.sendTest(host: ProcessInfo.processInfo.hostName, configurationPath: config)
            print("sent: the server accepted the message for \(delivery.accepted.joined(separator: ", "))")
            if !delivery.refused.isEmpty {
                for refusal in delivery.refused { print("refused for \(refusal.recipient): RCPT TO refused: \(refusal.reply)") }
                throw ExitCode(2)
            }
        } catch let error as SMTPError {
            print("not sent: \(error)")
            throw ExitCode(1)
        } catch let error as NotifierError {
            print("not sent: \(error)")
            throw ExitCode(1)
        }
    }
}

extension AgentOptions {
    /// After `dsync sync`: the run's notification, if it needs one. Never
    /// throws: a message that cannot be sent is reported and the run's own
    /// exit status stands.
    func notify(_ notice: RunNotice, configuration: Configuration) async {
        guard let notifications = configuration.notifications else { return }
        // The outcome is printed below; the log would only repeat it.
        var logger = Logger(label: "dsync")
        logger.logLevel = .critical
        let context = RunNotification.Context(host: ProcessInfo.processInfo.hostName, configurationPath: config, dataFolder: data)
        if let result = await Notifier(configuration: notifications, logger: logger).notify(notice, context: context) {
            print("notification \(result)")
        }
    }
}
