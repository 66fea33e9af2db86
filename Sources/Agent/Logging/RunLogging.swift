import Foundation
public import Logging
public import SyncEngine

/// The run commands' logger: warnings and worse on standard error, and
/// every run's log file in DATA/logs at `logs.level` (secrets masked).
public enum RunLogging {
    public static func logger(configuration: Configuration, dataFolder: String) -> (Logger, RunLog) {
        let runLog = RunLog(
            folder: (dataFolder as NSString).appendingPathComponent("logs"), keep: configuration.logs.keep,
            maxFileBytes: configuration.logs.maxFileMegabytes << 20)
        let level = Logger.Level(rawValue: configuration.logs.level.rawValue) ?? .info
        let logger = Logger(label: "dsync") { label in
            var terminal = StreamLogHandler.standardError(label: label)
            terminal.logLevel = .warning
            return MultiplexLogHandler([terminal, RunLogHandler(label: label, log: runLog, level: level)])
        }
        return (logger, runLog)
    }
}
