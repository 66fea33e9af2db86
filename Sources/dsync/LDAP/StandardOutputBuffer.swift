#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Collects output bytes and writes them to standard output in large
/// chunks: one system call per 64 KiB, not per line.
struct StandardOutputBuffer {
    var bytes: [UInt8] = []
    let flushThreshold = 1 << 16

    init() {
        bytes.reserveCapacity(flushThreshold + 4096)
    }

    mutating func flushIfFull() throws {
        if bytes.count >= flushThreshold { try flush() }
    }

    mutating func flush() throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                write(1, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError(errno: errno)
            }
            offset += written
        }
        bytes.removeAll(keepingCapacity: true)
    }

    struct OutputError: Error, CustomStringConvertible {
        let errno: Int32
        var description: String { "cannot write to standard output: \(String(cString: strerror(errno)))" }
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    let line = Array((message + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
