public import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension Process {
    /// Waits for a started process to end, without blocking a thread of
    /// the cooperative pool (`waitUntilExit` would): a child that talks to a
    /// server running in the test process needs those threads for the
    /// server's handlers, and a machine with two cores has two of them.
    ///
    /// The end is seen by asking the kernel (`waitid` with `WNOWAIT`, which
    /// leaves the child for Foundation to reap) as well as by `isRunning`:
    /// a test once waited forever for a `terminationHandler` after its
    /// child had exited, on a loaded machine. A child still running after
    /// `timeLimit` is killed, and the wait throws instead of hanging.
    public func exitStatus(timeLimit: Duration = .seconds(600)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeLimit
        while true {
            if !isRunning { return terminationStatus }
            if let status = exitedStatus() { return status }
            guard ContinuousClock.now < deadline else {
                terminate()
                throw ChildTimedOut(command: ([executableURL?.path ?? "?"] + (arguments ?? [])).joined(separator: " "), timeLimit: timeLimit)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The exit status when the child has ended (reaped or not), else nil.
    private func exitedStatus() -> Int32? {
        #if canImport(Glibc)
        var info = siginfo_t()
        guard waitid(P_PID, id_t(processIdentifier), &info, WEXITED | WNOHANG | WNOWAIT) == 0,
            info._sifields._sigchld.si_pid == processIdentifier
        else { return nil }
        let status = info._sifields._sigchld.si_status
        // Killed by a signal: the shell's convention, 128 + the signal.
        return info.si_code == CLD_EXITED ? status : 128 + status
        #else
        return nil
        #endif
    }

    /// Runs `executable` to its end: its exit status and its output
    /// (standard output and error together, through a file, so that a long
    /// output cannot fill a pipe and stall the child).
    /// Runs a command that must fail for a reason other than its command
    /// line: a nonzero exit, and no usage text (which is for a mistyped
    /// command line only). Its output.
    public static func failure(of executable: String, _ arguments: [String]) async throws -> String {
        let result = try await output(of: executable, arguments, timeLimit: .seconds(120))
        guard result.status != 0, !result.output.contains("Usage:") else {
            throw ProcessFailure(message: "\(arguments.joined(separator: " ")): exit \(result.status), expected a failure without usage text:\n\(result.output)")
        }
        return result.output
    }

    public static func output(of executable: String, _ arguments: [String], timeLimit: Duration = .seconds(600)) async throws -> (status: Int32, output: String) {
        let file = TestFolder.path("child.out")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = try FileHandle(forWritingTo: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let status = try await process.exitStatus(timeLimit: timeLimit)
        try handle.close()
        return (status, try String(contentsOf: file, encoding: .utf8))
    }
}

/// A child process that did not end in time (it was killed).
public struct ChildTimedOut: Error, CustomStringConvertible {
    public let command: String
    public let timeLimit: Duration

    public var description: String { "\(command) was still running after \(timeLimit); it was killed" }
}
