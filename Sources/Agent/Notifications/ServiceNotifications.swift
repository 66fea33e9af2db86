import Foundation
public import Logging
import SyncEngine

/// Notifications for `dsync run`: the service's observer. The service
/// reads the configuration again before every run; so does this, keeping
/// the last `notifications` section that loaded when the file is broken
/// (as the service keeps the last good configuration).
public final class ServiceNotifications: @unchecked Sendable {
    let configurationPath: String
    let dataFolder: String?
    let logger: Logger
    private let lock = NSLock()
    private var lastGood: NotificationsConfiguration?

    /// `dataFolder` is given only when it is not the default, so the
    /// message's commands stay short.
    public init(configurationPath: String, dataFolder: String?, logger: Logger) {
        self.configurationPath = configurationPath
        self.dataFolder = dataFolder
        self.logger = logger
    }

    /// Called by `AgentService` after every run; nil when no mail was due.
    public func observe(_ summary: ServiceStatus.RunSummary, _ outcome: SyncRunner.Outcome?) async -> Notifier.Result? {
        guard let configuration = currentConfiguration() else { return nil }
        let ended = summary.endedAt ?? Date()
        let notice = outcome.map { RunNotice($0, startedAt: summary.startedAt, endedAt: ended) }
            ?? RunNotice(error: summary.error ?? "the run failed", startedAt: summary.startedAt, endedAt: ended)
        let context = RunNotification.Context(
            host: ProcessInfo.processInfo.hostName, configurationPath: configurationPath, dataFolder: dataFolder)
        return await Notifier(configuration: configuration, logger: logger).notify(notice, context: context)
    }

    private func currentConfiguration() -> NotificationsConfiguration? {
        let loaded = try? Configuration.load(path: configurationPath)
        return lock.withLock {
            if let loaded { lastGood = loaded.notifications }
            return lastGood
        }
    }
}
