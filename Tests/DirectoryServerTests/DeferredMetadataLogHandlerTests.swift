import DirectoryServer
import Logging
import Synchronization
import Testing

@Suite("The deferred-metadata log handler: metadata reaches the wrapped handler with each message")
struct DeferredMetadataLogHandlerTests {
    /// Keeps the events it is given.
    final class Recorder: Sendable {
        let events = Mutex<[LogEvent]>([])
    }

    struct RecordingHandler: LogHandler {
        let recorder: Recorder
        var logLevel: Logger.Level = .info
        var metadata: Logger.Metadata = [:]
        var metadataProvider: Logger.MetadataProvider?

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            recorder.events.withLock { $0.append(event) }
        }
    }

    @Test("the logger's metadata is merged into the message's, which wins on the same key")
    func merged() {
        let recorder = Recorder()
        var logger = Logger(label: "test") { _ in DeferredMetadataLogHandler(wrapping: RecordingHandler(recorder: recorder)) }
        logger[metadataKey: "request"] = "42"
        logger[metadataKey: "who"] = "logger"
        logger.info("hello", metadata: ["who": "message"])
        let events = recorder.events.withLock { $0 }
        #expect(events.count == 1)
        #expect(events.first?.metadata == ["request": "42", "who": "message"])
        #expect(logger[metadataKey: "request"] == "42")
    }

    @Test("without metadata the message is passed on as it is; the level is the wrapped handler's")
    func unchanged() {
        let recorder = Recorder()
        var logger = Logger(label: "test") { _ in DeferredMetadataLogHandler(wrapping: RecordingHandler(recorder: recorder)) }
        logger.logLevel = .warning
        logger.info("dropped")
        logger.warning("kept")
        let events = recorder.events.withLock { $0 }
        #expect(events.map(\.message.description) == ["kept"])
        let metadata = events.first?.metadata ?? [:]
        #expect(metadata.isEmpty)
        #expect(logger.logLevel == .warning)
    }
}
