/// How long the agent keeps runs, results and the links of deleted objects
/// (`retention:`); applied at the end of every sync run.
public struct RetentionConfiguration: Sendable, Hashable, Codable {
    /// Runs and their per-object results, in days.
    public var runDays: Int = 90
    /// Links of objects deleted in the source, in days (AD's tombstone
    /// lifetime: an object restored from the recycle bin comes back as the
    /// same target object).
    public var deletedLinkDays: Int = 180

    public init() {}
}

/// The log file of each run in the data folder's `logs/` (`logs:`).
public struct LogConfiguration: Sendable, Hashable, Codable {
    public enum Level: String, Sendable, Hashable, Codable, CaseIterable {
        case trace, debug, info, notice, warning, error
    }

    /// Log files kept; the oldest go when a run starts a new one.
    public var keep: Int = 30
    /// A file stops growing at this size (a last line says so).
    public var maxFileMegabytes: Int = 10
    /// The least severe messages written to the file.
    public var level: Level = .info

    public init() {}
}

extension Configuration {
    static func readRetention(_ value: YAMLValue) throws(ConfigurationError) -> RetentionConfiguration {
        let keys = try value.mapping(known: ["runDays", "deletedLinkDays"])
        var retention = RetentionConfiguration()
        retention.runDays = try keys["runDays"]?.int(in: 1...36_500) ?? retention.runDays
        retention.deletedLinkDays = try keys["deletedLinkDays"]?.int(in: 1...36_500) ?? retention.deletedLinkDays
        return retention
    }

    static func readLogs(_ value: YAMLValue) throws(ConfigurationError) -> LogConfiguration {
        let keys = try value.mapping(known: ["keep", "maxFileMegabytes", "level"])
        var logs = LogConfiguration()
        logs.keep = try keys["keep"]?.int(in: 1...10_000) ?? logs.keep
        logs.maxFileMegabytes = try keys["maxFileMegabytes"]?.int(in: 1...10_000) ?? logs.maxFileMegabytes
        logs.level = try keys["level"]?.choice() ?? logs.level
        return logs
    }
}
