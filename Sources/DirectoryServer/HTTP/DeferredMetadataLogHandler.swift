public import Logging

/// A log handler that keeps its metadata as given and hands it to the
/// handler it wraps only when a message is logged.
///
/// Hummingbird gives every request a logger with its own `hb.request.id`.
/// `StreamLogHandler` renders its metadata into text whenever the metadata
/// changes (sorted `key=value` pairs), so every request paid for a line it
/// almost never logs: 1.5% of the server's CPU on a SCIM lookup. Here
/// setting metadata is a dictionary insert; a logged message carries it as
/// the event's metadata, so the line reads the same as before.
public struct DeferredMetadataLogHandler: LogHandler {
    private var wrapped: any LogHandler
    public var metadata: Logger.Metadata = [:]

    /// `wrapped` should carry no metadata of its own: what it has is
    /// logged before this handler's.
    public init(wrapping wrapped: any LogHandler) {
        self.wrapped = wrapped
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        guard !metadata.isEmpty else { return wrapped.log(event: event) }
        var event = event
        // The message's own metadata wins over the logger's, as in swift-log.
        event.metadata = metadata.merging(event.metadata ?? [:]) { _, explicit in explicit }
        wrapped.log(event: event)
    }
}
