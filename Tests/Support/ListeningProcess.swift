public import Foundation

/// Servers started by the tests listen on a port the system picks (port 0)
/// and announce it on stdout, `… listening on SCHEME://HOST:PORT`: a port
/// chosen by the test beforehand could be taken by another test's server
/// meanwhile, and the test would then talk to the wrong server.
public enum ListeningProcess {
    public struct NotListening: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `process` with its stdout and stderr read on a thread of its
    /// own (to the end, so the server never blocks on a full pipe) and
    /// returns the port of its first `listening on` line; throws when it
    /// exits before one, with what it printed (its error, say).
    public static func start(_ process: Process) async throws -> Int {
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let handle = output.fileHandleForReading
        let command = process.executableURL?.lastPathComponent ?? "the server"
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                var text = ""
                var port: Int?
                while case let chunk = handle.availableData, !chunk.isEmpty {
                    guard port == nil else { continue }
                    text += String(decoding: chunk, as: UTF8.self)
                    if let match = text.firstMatch(of: /listening on \S+:(\d+)\n/), let found = Int(match.1) {
                        port = found
                        continuation.resume(returning: found)
                    }
                }
                if port == nil {
                    process.waitUntilExit()
                    let end = process.terminationReason == .uncaughtSignal ? "was killed by signal" : "exited with status"
                    continuation.resume(throwing: NotListening(description: "\(command) \(end) \(process.terminationStatus) before it listened; its output: \(text)"))
                }
            }
        }
    }

    /// A port free now, for a server whose address must be known before it
    /// starts (peers that name each other). Another process may take it
    /// meanwhile (a server, or a connection's local port): the server then
    /// fails to start, loudly, and `isAddressInUse` tells the caller to try
    /// another port.
    public static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw NotListening(description: "no socket: errno \(errno)") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(socket, raw, length) == 0 && getsockname(socket, raw, &length) == 0
            }
        }
        guard bound else { throw NotListening(description: "cannot bind a loopback socket: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether `error` is a server's refusal to start because another
    /// socket took the port `freePort` chose.
    public static func isAddressInUse(_ error: any Error) -> Bool {
        (error as? NotListening)?.description.contains("address is in use") == true
    }
}
