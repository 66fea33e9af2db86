import Foundation
public import Logging

/// A swift-log handler writing to the run's log file (`RunLog`):
/// `2025-01-31T12:00:00Z info dsync: message key=value …`, redacted.
public struct RunLogHandler: LogHandler {
    public let file: RunLog
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public let label: String

    public init(label: String, log: RunLog, level: Logger.Level = .info) {
        self.label = label
        self.file = log
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { _, new in new } }
        file.write(Self.line(date: Date(), level: event.level, label: label, message: "\(event.message)", metadata: all))
    }

    /// One line; metadata sorted by key.
    static func line(date: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var line = "\(date.ISO8601Format()) \(level.rawValue) \(label): \(message)"
        for key in metadata.keys.sorted() {
            line += " \(key)=\(metadata[key].map { "\($0)" } ?? "")"
        }
        return line.replacingOccurrences(of: "\n", with: " ")
    }
}
