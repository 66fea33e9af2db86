import Foundation
public import Logging
public import ServiceLifecycle
import SyncEngine
import UnixSignals

/// `dsync run --every 30m`: a sync every interval, unattended. The
/// configuration is read again before every run and on SIGHUP; a file that
/// no longer loads is reported (`dsync status`, the log) and the last good
/// one is used. SIGTERM, SIGINT and `dsync stop` end the run in flight at its
/// next window boundary (what was sent is recorded; the rest waits for the
/// next start), then the service exits. The caller holds the data folder's
/// `AgentLock` for the service's whole life.
public actor AgentService: Service {
    public let configurationPath: String
    public let dataFolder: String
    public let interval: RunInterval
    let logger: Logger
    /// Called after every run, for metrics and notifications; returns what
    /// became of the run's notification, if one was due.
    let observer: @Sendable (ServiceStatus.RunSummary, SyncRunner.Outcome?) async -> Notifier.Result?

    private var status: ServiceStatus
    private var lastGood: Configuration?
    private let wakeup = Wakeup()
    private let stopRequest = StopRequest()

    public init(
        configurationPath: String, dataFolder: String, interval: RunInterval, logger: Logger,
        observer: @escaping @Sendable (ServiceStatus.RunSummary, SyncRunner.Outcome?) async -> Notifier.Result? = { _, _ in nil }
    ) {
        self.configurationPath = configurationPath
        self.dataFolder = dataFolder
        self.interval = interval
        self.logger = logger
        self.observer = observer
        status = ServiceStatus(state: .idle, pid: getpid(), every: interval.description, startedAt: Date())
    }

    /// Where the metrics endpoint listens, for `dsync status`.
    public func setMetricsAddress(_ address: String) {
        status.metricsAddress = address
    }

    /// The control socket: `DATA/control.sock`.
    public static func socketPath(dataFolder: String) -> String {
        (dataFolder as NSString).appendingPathComponent("control.sock")
    }

    public func run() async throws {
        let control = try await ControlServer.start(path: Self.socketPath(dataFolder: dataFolder)) { [self] request in
            await answer(request)
        }
        let hangups = Task { [wakeup] in
            for await _ in await UnixSignalsSequence(trapping: .sighup) { await wakeup.post(.reload) }
        }
        logger.notice("service started", metadata: ["every": "\(interval)", "config": "\(configurationPath)", "pid": "\(getpid())"])
        await withGracefulShutdownHandler {
            await loop()
        } onGracefulShutdown: { [stopRequest, wakeup] in
            stopRequest.request()
            Task { await wakeup.post(.stop) }
        }
        hangups.cancel()
        await control.close()
        logger.notice("service stopped")
    }

    private func loop() async {
        var full = false
        while !stopRequest.isRequested {
            await runOnce(full: full)
            full = false
            status.nextRunAt = Date().addingTimeInterval(Double(interval.seconds))
            let deadline = ContinuousClock.now + interval.duration
            waiting: while !stopRequest.isRequested {
                switch await wakeup.wait(for: max(deadline - ContinuousClock.now, .zero)) {
                case .timer:
                    break waiting
                case .runNow(let wanted):
                    full = wanted
                    break waiting
                case .reload:
                    _ = loadConfiguration()
                case .stop:
                    break waiting
                }
            }
        }
        status.state = .stopping
    }

    /// Reads the file; an invalid one keeps the last good configuration.
    private func loadConfiguration() -> Configuration? {
        do {
            let configuration = try Configuration.load(path: configurationPath)
            lastGood = configuration
            if status.configurationProblem != nil { logger.notice("configuration valid again", metadata: ["config": "\(configurationPath)"]) }
            status.configurationProblem = nil
            return configuration
        } catch {
            let problem = "\(configurationPath): \(error)"
            status.configurationProblem = lastGood == nil ? problem : problem + " (using the last configuration that loaded)"
            logger.error("configuration invalid", metadata: ["problem": "\(problem)", "using_last_good": "\(lastGood != nil)"])
            return lastGood
        }
    }

    private func runOnce(full: Bool) async {
        let started = Date()
        status.state = .running
        status.currentRunStartedAt = started
        defer {
            status.state = stopRequest.isRequested ? .stopping : .idle
            status.currentRunStartedAt = nil
            status.runs += 1
        }
        guard let configuration = loadConfiguration() else {
            let summary = ServiceStatus.RunSummary(
                id: "-", startedAt: started, endedAt: Date(), outcome: "error", error: status.configurationProblem)
            status.lastRun = summary
            await observe(summary, nil)
            return
        }
        do {
            // Each run writes its own log file (DATA/logs), as `dsync sync` does.
            let (runLogger, runLog) = RunLogging.logger(configuration: configuration, dataFolder: dataFolder)
            let environment = try AgentEnvironment(configuration: configuration, dataFolder: dataFolder, logger: runLogger, runLog: runLog)
            let outcome: SyncRunner.Outcome
            do {
                outcome = try await SyncRunner(environment: environment).run(apply: true, allowDeletes: false, full: full, stop: stopRequest)
            } catch {
                await environment.shutdown()
                throw error
            }
            await environment.shutdown()
            let summary = Self.summary(outcome, startedAt: started)
            status.lastRun = summary
            if summary.outcome == "done" { status.lastSuccessAt = summary.endedAt }
            logger.notice("run finished", metadata: ["run": "\(outcome.runID)", "outcome": "\(summary.outcome)", "failed": "\(summary.failed)"])
            await observe(summary, outcome)
        } catch {
            let summary = ServiceStatus.RunSummary(id: "-", startedAt: started, endedAt: Date(), outcome: "error", error: "\(error)")
            status.lastRun = summary
            logger.error("run failed", metadata: ["error": "\(error)"])
            await observe(summary, nil)
        }
    }

    /// Tells the observer, and keeps what became of the notification for
    /// `dsync status`.
    private func observe(_ summary: ServiceStatus.RunSummary, _ outcome: SyncRunner.Outcome?) async {
        guard let result = await observer(summary, outcome) else { return }
        let sent = if case .sent = result { true } else { false }
        status.lastNotification = ServiceStatus.NotificationSummary(run: summary.id, at: Date(), result: result.description, sent: sent)
    }

    static func summary(_ outcome: SyncRunner.Outcome, startedAt: Date) -> ServiceStatus.RunSummary {
        let report = outcome.report
        var result = "done"
        if let report {
            if report.blocked { result = "blocked" } else if !report.failed.isEmpty || report.stoppedBy != nil { result = "failures" } else if report.interrupted { result = "interrupted" }
        }
        return ServiceStatus.RunSummary(
            id: outcome.runID, startedAt: startedAt, endedAt: Date(), outcome: result,
            countsByAction: report?.countsByAction ?? [:], countsByCondition: report?.countsByCondition ?? [:],
            failed: report?.failed.count ?? 0,
            error: outcome.sourceFailures.isEmpty ? nil : outcome.sourceFailures.map { "\($0.source): \($0.detail)" }.joined(separator: "; "))
    }

    /// What the control socket answers.
    func answer(_ request: ControlRequest) async -> ControlAnswer {
        switch request {
        case .status:
            return ControlAnswer(message: status.state.rawValue, status: status)
        case .sync(let full):
            await wakeup.post(.runNow(full: full))
            let what = full ? "a full sync" : "a sync"
            return ControlAnswer(
                message: status.state == .running ? "\(what) starts after the run in progress" : "\(what) starts now", status: status)
        case .stop:
            stopRequest.request()
            await wakeup.post(.stop)
            return ControlAnswer(message: "stopping after the window in flight", status: status)
        }
    }
}
