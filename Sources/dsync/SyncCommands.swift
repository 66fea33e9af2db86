import Agent
import AgentStore
import ArgumentParser
import Foundation
import Logging
import SyncEngine

/// Where the configuration and the agent's state are; every run command takes them.
struct AgentOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "The configuration file.")
    var config = "dsync.yaml"

    @Option(help: "The agent's data folder (state, runs); default: dsync-data next to the configuration file.")
    var data: String?

    var dataFolder: String {
        data ?? ((config as NSString).deletingLastPathComponent as NSString).appendingPathComponent("dsync-data")
    }

    /// The data folder's lock, held until the command ends (one agent per
    /// data folder).
    func lock() throws -> AgentLock {
        do { return try AgentLock(dataFolder: dataFolder) } catch { throw ValidationError("\(error)") }
    }

    func environment() throws -> AgentEnvironment {
        let configuration: Configuration
        do { configuration = try Configuration.load(path: config) } catch { throw ValidationError("\(error)") }
        var logger = Logger(label: "dsync")
        logger.logLevel = .warning
        do {
            return try AgentEnvironment(configuration: configuration, dataFolder: dataFolder, logger: logger)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

/// `dsync plan`: what a sync would do, without writing anything.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Show what a sync would do (a dry run).")

    @OptionGroup var options: AgentOptions

    @Flag(help: "Print the plan as JSON.")
    var json = false

    func run() async throws {
        let lock = try options.lock()
        defer { withExtendedLifetime(lock) {} }
        let environment = try options.environment()
        defer { Task { await environment.shutdown() } }
        let outcome = try await SyncRunner(environment: environment).run(apply: false, allowDeletes: false)
        if json {
            let data = try JSONEncoder().encode(outcome.plan)
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(RunText.plan(outcome.plan))
        }
        await environment.shutdown()
    }
}

/// `dsync sync`: reads the sources and writes the changes to the target.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Sync the sources into the target once.")

    @OptionGroup var options: AgentOptions

    @Flag(name: .customLong("allow-deletes"), help: "Let this run delete or deactivate beyond the configured limits.")
    var allowDeletes = false

    @Flag(help: "Read every source whole and write every mapped field again. While `dsync run` serves the data folder, the service runs it.")
    var full = false

    func run() async throws {
        // While the service runs, it does the sync (it holds the lock).
        if !allowDeletes, let answer = try await ControlClient.send(.sync(full: full), dataFolder: options.dataFolder) {
            print("dsync service: \(answer.message); `dsync status` shows its progress")
            return
        }
        let lock = try options.lock()
        defer { withExtendedLifetime(lock) {} }
        let environment = try options.environment()
        let started = Date()
        let outcome: SyncRunner.Outcome
        do {
            outcome = try await SyncRunner(environment: environment).run(apply: true, allowDeletes: allowDeletes, full: full)
        } catch {
            await environment.shutdown()
            await options.notify(RunNotice(error: "\(error)", startedAt: started, endedAt: Date()), configuration: environment.configuration)
            throw error
        }
        await environment.shutdown()
        print(RunText.summary(outcome))
        await options.notify(RunNotice(outcome, startedAt: started, endedAt: Date()), configuration: environment.configuration)
        if let report = outcome.report, report.blocked || !report.failed.isEmpty || report.stoppedBy != nil {
            throw ExitCode(2)
        }
    }
}

/// `dsync report [RUN]`: a run's per-object results.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Show a run's results (the last sync by default).")

    @OptionGroup var options: AgentOptions

    @Argument(help: "The run's id (see the list without one).")
    var run: String?

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let store = try AgentStore(folder: URL(fileURLWithPath: options.dataFolder))
        let runs = try await store.runs()
        // Without an id: the last sync (a dry run records no results).
        let latest = runs.first { $0.mode == .sync } ?? runs.first
        guard let chosen = run.flatMap({ id in runs.first { $0.id == id } }) ?? (run == nil ? latest : nil) else {
            throw ValidationError(run.map { "No run \($0) in \(options.dataFolder)." } ?? "No run yet in \(options.dataFolder).")
        }
        let results = try await store.results(run: chosen.id)
        if json {
            print(String(decoding: try JSONEncoder().encode(RunText.JSONReport(run: chosen, results: results)), as: UTF8.self))
        } else {
            print(RunText.report(chosen, results: results))
        }
    }
}
