import Agent
import AgentStore
import ArgumentParser
import Foundation
import FileProblems
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
    /// data folder). Failures here and below are not the command line's:
    /// they are thrown as they are, so ArgumentParser prints them without
    /// the usage text it adds to a `ValidationError`.
    func lock() throws -> AgentLock {
        // A mistyped --config fails here, before a data folder is made
        // next to a file that does not exist.
        _ = try Configuration.load(path: config)
        return try AgentLock(dataFolder: dataFolder)
    }

    /// Builds the environment, runs `body` with it, and shuts it down
    /// however `body` ends (an HTTP client left running is a crash at exit).
    func withEnvironment<Value>(_ body: (AgentEnvironment) async throws -> Value) async throws -> Value {
        let environment = try environment()
        do {
            let value = try await body(environment)
            await environment.shutdown()
            return value
        } catch {
            await environment.shutdown()
            throw error
        }
    }

    func environment() throws -> AgentEnvironment {
        let configuration = try Configuration.load(path: config)
        let (logger, runLog) = RunLogging.logger(configuration: configuration, dataFolder: dataFolder)
        return try AgentEnvironment(configuration: configuration, dataFolder: dataFolder, logger: logger, runLog: runLog)
    }
}

/// `dsync plan`: what a sync would do, without writing anything.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Show what a sync would do (a dry run).")

    @OptionGroup var options: AgentOptions

    @Flag(help: "Print the plan as JSON.")
    var json = false

    @Option(help: "Save the plan to this file, with each object's source hash and directory version, for `dsync sync --plan`.")
    var out: String?

    func run() async throws {
        let lock = try options.lock()
        defer { withExtendedLifetime(lock) {} }
        try await options.withEnvironment { environment in
            let runner = SyncRunner(environment: environment)
            let outcome = try await runner.run(apply: false, allowDeletes: false)
            if let out {
                let saved = try await runner.savedPlan(outcome, dataFolder: options.dataFolder)
                try saved.encoded().write(to: URL(fileURLWithPath: out))
                FileHandle.standardError.write(Data(RunText.saved(saved, path: out).utf8))
            }
            if json {
                let data = try JSONEncoder().encode(outcome.plan)
                print(String(decoding: data, as: UTF8.self))
            } else {
                print(RunText.plan(outcome.plan))
            }
        }
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

    @Option(help: "Apply exactly this saved plan (`dsync plan --out`); objects changed since are skipped as plan-stale.")
    var plan: String?

    func run() async throws {
        // While the service runs, it does the sync (it holds the lock).
        if !allowDeletes, plan == nil, let answer = try await ControlClient.send(.sync(full: full), dataFolder: options.dataFolder) {
            print("dsync service: \(answer.message); `dsync status` shows its progress")
            return
        }
        let lock = try options.lock()
        defer { withExtendedLifetime(lock) {} }
        let started = Date()
        var configuration: Configuration?
        let outcome: SyncRunner.Outcome
        do {
            outcome = try await options.withEnvironment { environment in
                configuration = environment.configuration
                let runner = SyncRunner(environment: environment)
                var saved: SavedPlan?
                if let plan {
                    do {
                        let loaded = try SavedPlan.decode(try Data(contentsOf: URL(fileURLWithPath: plan)))
                        try runner.check(loaded, dataFolder: options.dataFolder)
                        saved = loaded
                    } catch let error as CocoaError {
                        throw CommandFailure("the saved plan cannot be read: \(FileProblem.describe(plan, for: .read, error: error))")
                    } catch {
                        throw CommandFailure("the saved plan \(plan): \(error)")
                    }
                }
                let progress = ProgressDisplay()
                return try await runner.run(
                    apply: true, allowDeletes: allowDeletes, saved: saved, full: full, progress: { progress.update(done: $0, total: $1) })
            }
        } catch {
            if let configuration {
                await options.notify(RunNotice(error: "\(error)", startedAt: started, endedAt: Date()), configuration: configuration)
            }
            throw error
        }
        print(RunText.summary(outcome))
        if let configuration {
            await options.notify(RunNotice(outcome, startedAt: started, endedAt: Date()), configuration: configuration)
        }
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

    @Option(help: "table, csv (RFC 4180), json (docs/reports.md) or html (one self-contained page).")
    var format = "table"

    @Option(help: "Only the results with this condition code (`dsync explain` lists them).")
    var condition: String?

    @Flag(name: .customLong("conditions-only"), help: "Only the results with a condition, of any code (not every object written).")
    var conditionsOnly = false

    @Flag(help: "The same as --format json.")
    var json = false

    func run() async throws {
        let store = try AgentStore(folder: URL(fileURLWithPath: options.dataFolder))
        let runs = try await store.runs()
        // Without an id: the last sync (a dry run records no results).
        let latest = runs.first { $0.mode == .sync } ?? runs.first
        guard let chosen = run.flatMap({ id in runs.first { $0.id == id } }) ?? (run == nil ? latest : nil) else {
            throw ValidationError(run.map { "No run \($0) in \(options.dataFolder)." } ?? "No run yet in \(options.dataFolder).")
        }
        guard condition == nil || !conditionsOnly else {
            throw ValidationError("give --condition CODE or --conditions-only, not both")
        }
        let code = try condition.map { text in
            let code = ConditionCode(text)
            guard ConditionCatalogue.entry(code) != nil else {
                throw ValidationError("unknown condition \(text); `dsync explain` lists the codes")
            }
            return code
        }
        guard let chosenFormat = json ? RunReport.Format.json : RunReport.Format(rawValue: format) else {
            throw ValidationError("unknown format \(format); one of table, csv, json, html")
        }
        let report = RunReport(run: chosen, results: try await store.results(run: chosen.id), condition: code, conditionsOnly: conditionsOnly)
        let text = report.rendered(chosenFormat)
        print(text, terminator: text.hasSuffix("\n") || text.hasSuffix("\r\n") ? "" : "\n")
    }
}
