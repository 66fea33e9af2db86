#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import FileProblems

/// One agent per data folder: an exclusive `flock(2)` on `DATA/agent.lock`,
/// which holds the holder's PID so a second process can say who has it.
/// The kernel releases the lock when the process ends, however it ends
/// (SIGKILL included), so a crash never leaves a stale lock behind.
public final class AgentLock: Sendable {
    public let path: String
    private let descriptor: Int32

    /// Takes the lock or throws `AgentLockError.held` naming the holder.
    public init(dataFolder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: dataFolder, withIntermediateDirectories: true)
        } catch {
            throw AgentLockError.cannotOpen(reason: FileProblem.describe(dataFolder, for: .writeFolder, error: error))
        }
        path = (dataFolder as NSString).appendingPathComponent("agent.lock")
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            throw AgentLockError.cannotOpen(reason: FileProblem.describe(path, for: .write, error: error))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.readPID(descriptor)
            close(descriptor)
            throw AgentLockError.held(path: path, pid: holder)
        }
        self.descriptor = descriptor
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        close(descriptor)  // releases the lock
    }

    /// The PID a holder wrote, when it wrote one.
    private static func readPID(_ descriptor: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: bytes[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

public enum AgentLockError: Error, CustomStringConvertible {
    case held(path: String, pid: Int32?)
    case cannotOpen(reason: String)

    public var description: String {
        switch self {
        case .held(let path, let pid):
            let holder = pid.map { "dsync process \($0)" } ?? "another dsync process"
            return "the data folder is in use by \(holder) (lock \(path)); one agent per data folder. "
                + "Wait for it to finish, stop the service (`dsync stop`), or give this command another --data folder."
        case .cannotOpen(let reason):
            return "the data folder cannot be used: \(reason)"
        }
    }
}
