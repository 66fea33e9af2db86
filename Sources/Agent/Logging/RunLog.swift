public import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The log file of the current run in a logs folder (`DATA/logs`), written
/// by `RunLogHandler`. `begin()` removes the oldest files beyond `keep` and
/// opens `STAMP.log`; `name(runID:)` renames it `STAMP-RUNID.log` once the
/// run has an id; a file stops at `maxFileBytes` with a line saying so.
/// Every line passes through `LogRedaction` first.
public final class RunLog: Sendable {
    public let folder: String
    public let keep: Int
    public let maxFileBytes: Int

    private struct State {
        var descriptor: Int32 = -1
        var path: String?
        var written = 0
        var full = false
        var redaction = LogRedaction()
    }

    private let state = Mutex(State())

    public init(folder: String, keep: Int = 30, maxFileBytes: Int = 10 << 20, secrets: [String] = []) {
        self.folder = folder
        self.keep = max(keep, 1)
        self.maxFileBytes = max(maxFileBytes, 1024)
        state.withLock { $0.redaction = LogRedaction(secrets: secrets) }
    }

    deinit { end() }

    /// Secrets resolved later (a source's password) are masked from then on.
    public func addSecret(_ secret: String) {
        state.withLock { $0.redaction.add(secret) }
    }

    /// The file being written, if a run has begun.
    public var path: String? { state.withLock { $0.path } }

    /// Starts a run's file: the oldest files beyond `keep` are removed first.
    @discardableResult
    public func begin(at date: Date = Date()) throws -> String {
        end()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in LogRotation.expired(names, keep: keep) {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        var base = LogRotation.stamp(
            year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hour: parts.hour ?? 0, minute: parts.minute ?? 0,
            second: parts.second ?? 0)
        var path = (folder as NSString).appendingPathComponent(base + ".log")
        var suffix = 1
        while FileManager.default.fileExists(atPath: path) {
            suffix += 1
            path = (folder as NSString).appendingPathComponent("\(base)-\(suffix).log")
        }
        base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        state.withLock { state in
            state.descriptor = descriptor
            state.path = path
            state.written = 0
            state.full = false
        }
        return path
    }

    /// Renames the current file after the run's id (the open file stays open).
    public func name(runID: String) {
        state.withLock { state in
            guard let path = state.path else { return }
            let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            let renamed = (folder as NSString).appendingPathComponent("\(base)-\(runID).log")
            if rename(path, renamed) == 0 { state.path = renamed }
        }
    }

    /// Closes the current file.
    public func end() {
        state.withLock { state in
            if state.descriptor >= 0 { close(state.descriptor) }
            state.descriptor = -1
            state.path = nil
        }
    }

    /// Appends one line (redacted); nothing when no run has begun.
    func write(_ line: String) {
        state.withLock { state in
            guard state.descriptor >= 0, !state.full else { return }
            var text = state.redaction.redact(line) + "\n"
            if state.written + text.utf8.count > maxFileBytes {
                text = "-- the log reached its limit of \(maxFileBytes) bytes (logs.maxFileMegabytes); later lines are not written\n"
                state.full = true
            }
            let bytes = Array(text.utf8)
            let count = append(bytes, to: state.descriptor)
            if count > 0 { state.written += count }
        }
    }
}

/// `write(2)` of the whole buffer (a short write ends the attempt).
private func append(_ bytes: [UInt8], to descriptor: Int32) -> Int {
    bytes.withUnsafeBytes { buffer in
        #if canImport(Glibc)
        Glibc.write(descriptor, buffer.baseAddress, buffer.count)
        #else
        Darwin.write(descriptor, buffer.baseAddress, buffer.count)
        #endif
    }
}
