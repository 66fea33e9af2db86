import Agent
import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import SyncEngine
import UnixSignals

/// `dsync run --every 30m`: the long-running service.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run as a service: a sync every interval; SIGHUP re-reads the configuration, SIGTERM stops.")

    @OptionGroup var options: AgentOptions

    @Option(help: "Time between runs, e.g. 30m, 1h, 1h30m (1 minute to 1 day).")
    var every = "30m"

    @Option(help: "Serve Prometheus metrics at http://ADDRESS/metrics, a loopback address, e.g. 127.0.0.1:9464 (port 0: any free port, shown by `dsync status`).")
    var metrics: String?

    func run() async throws {
        guard let interval = RunInterval(every) else {
            throw ValidationError("--every \(every): give a duration of 1m to 1d, e.g. 30m, 1h, 1h30m")
        }
        // The configuration is checked once before starting (by `lock`),
        // so a broken file fails at once.
        let lock = try options.lock()
        var logger = Logger(label: "dsync")
        logger.logLevel = .notice
        let recorder = metrics.map { _ in ServiceMetrics() }
        let notifications = ServiceNotifications(configurationPath: options.config, dataFolder: options.data, logger: logger)
        let service = AgentService(
            configurationPath: options.config, dataFolder: options.dataFolder, interval: interval, logger: logger,
            observer: { summary, outcome in
                recorder?.record(summary, outcome)
                return await notifications.observe(summary, outcome)
            })
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)
        ]
        if let address = metrics {
            do {
                services.append(.init(service: try MetricsEndpoint(address: address) { await service.setMetricsAddress($0) }))
            } catch {
                throw ValidationError("\(error)")
            }
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        withExtendedLifetime(lock) {}
    }
}

/// `dsync status`: what the service is doing.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show whether the service runs, its last and next run.")

    @OptionGroup var options: AgentOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        guard let answer = try await ControlClient.send(.status, dataFolder: options.dataFolder), let status = answer.status else {
            print("not running: no dsync service answers for \(options.dataFolder) (start one with `dsync run`)")
            throw ExitCode(3)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
        } else {
            print(StatusText.text(status))
        }
    }
}

/// `dsync stop`: ends the service after the window in flight.
struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop the service (after the batch in flight).")

    @OptionGroup var options: AgentOptions

    func run() async throws {
        guard let answer = try await ControlClient.send(.stop, dataFolder: options.dataFolder) else {
            print("not running: no dsync service answers for \(options.dataFolder)")
            throw ExitCode(3)
        }
        print("dsync service (PID \(answer.status.map { "\($0.pid)" } ?? "?")): \(answer.message)")
    }
}

/// `dsync status` as text.
enum StatusText {
    static func text(_ status: ServiceStatus) -> String {
        let formatter = ISO8601DateFormatter()
        var lines = ["dsync service, PID \(status.pid): \(status.state.rawValue), a run every \(status.every), \(status.runs) run(s) since \(formatter.string(from: status.startedAt))"]
        if let started = status.currentRunStartedAt { lines.append("current run started \(formatter.string(from: started))") }
        if let last = status.lastRun {
            var line = "last run \(last.id): \(last.outcome)"
            if let ended = last.endedAt { line += ", ended \(formatter.string(from: ended))" }
            let actions = last.countsByAction.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            if !actions.isEmpty { line += "; \(actions)" }
            if last.failed > 0 { line += "; \(last.failed) failed (`dsync report \(last.id)`)" }
            lines.append(line)
            if let error = last.error { lines.append("  \(error)") }
        }
        if let success = status.lastSuccessAt { lines.append("last success \(formatter.string(from: success))") }
        if let next = status.nextRunAt, status.state == .idle { lines.append("next run \(formatter.string(from: next))") }
        if let address = status.metricsAddress { lines.append("metrics at http://\(address)/metrics") }
        if let mail = status.lastNotification {
            lines.append("last notification (run \(mail.run), \(formatter.string(from: mail.at))): \(mail.result)")
        }
        if let problem = status.configurationProblem { lines.append("CONFIGURATION: \(problem)") }
        return lines.joined(separator: "\n")
    }
}
