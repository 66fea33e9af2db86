import ArgumentParser
import Foundation
import Glibc

/// The demo's child processes: `directoryd admin`, `dsync` itself, the
/// test server scripts.
enum DemoProcess {
    struct Output {
        var text: String
        var lastLine: String { text.split(separator: "\n").last.map(String.init) ?? "" }
    }

    /// Runs a program to its end; its stdout, and its stderr on failure.
    static func output(
        _ program: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, acceptingFailure: Bool = false
    ) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try? input.fileHandleForWriting.close()
        }
        do { try process.run() } catch { throw ValidationError("demo: cannot run \(program): \(error)") }
        // stderr is read on a thread of its own, so neither pipe fills up.
        let errorText = ErrorText()
        let reader = Thread { errorText.value = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }
        reader.start()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        guard process.terminationStatus == 0 || acceptingFailure else {
            let name = ([URL(fileURLWithPath: program).lastPathComponent] + arguments.prefix(3)).joined(separator: " ")
            throw ValidationError("demo: \(name) failed (exit \(process.terminationStatus)): \(errorText.value)\(text)")
        }
        return Output(text: text)
    }

    /// Runs a program that leaves a server behind (`ldap-test-server
    /// start`), its output to `log`, named on failure. Spawned and waited
    /// for directly: Foundation's `Process` learns of an exit through a
    /// descriptor the child inherits, which the server left behind keeps
    /// open, so it would wait forever.
    static func run(_ program: String, _ arguments: [String], log: String, environment: [String: String] = [:]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard spawned == 0 else { throw ValidationError("demo: cannot run \(program): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED and WEXITSTATUS: exited normally, with status 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw ValidationError("demo: \(URL(fileURLWithPath: program).lastPathComponent) \(arguments.first ?? "") failed: \(text)")
        }
    }

    private final class ErrorText: @unchecked Sendable {
        var value = ""
    }

    /// Starts a server that prints `… listening on SCHEME://HOST:PORT` once
    /// it listens (as `directoryd serve` does with port 0); returns the
    /// process and the port. Its stdout is read to the end on a thread of
    /// its own, so it never blocks on a full pipe.
    static func startListening(_ program: String, _ arguments: [String], log: String) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        let logFile = FileManager.default.createFile(atPath: log, contents: nil) ? FileHandle(forWritingAtPath: log) : nil
        process.standardError = logFile ?? FileHandle.nullDevice
        do { try process.run() } catch { throw ValidationError("demo: cannot run \(program): \(error)") }
        let found = PortBox()
        let handle = output.fileHandleForReading
        Thread.detachNewThread {
            var text = ""
            while case let chunk = handle.availableData, !chunk.isEmpty {
                guard found.port == nil else { continue }
                text += String(decoding: chunk, as: UTF8.self)
                if let match = text.firstMatch(of: /listening on \S+:(\d+)\n/) { found.set(Int(match.1)) }
            }
            found.finish()
        }
        guard let port = found.wait() else {
            throw ValidationError("demo: \(URL(fileURLWithPath: program).lastPathComponent) stopped before it listened; see \(log)")
        }
        return (process, port)
    }

    /// The port, once read, or nil once the output ended without it.
    private final class PortBox: @unchecked Sendable {
        private let condition = NSCondition()
        private var value: Int?
        private var ended = false

        var port: Int? { condition.withLock { value } }

        func set(_ port: Int?) {
            condition.withLock {
                value = port
                condition.broadcast()
            }
        }

        func finish() {
            condition.withLock {
                ended = true
                condition.broadcast()
            }
        }

        func wait() -> Int? {
            condition.withLock {
                while value == nil && !ended { condition.wait() }
                return value
            }
        }
    }
}
