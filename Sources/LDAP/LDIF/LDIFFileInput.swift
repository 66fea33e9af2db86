#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An LDIF file read in chunks through POSIX `read(2)`, so a large export
/// never needs to be in memory at once and no Foundation is needed.
final class LDIFFileInput {
    private let descriptor: Int32
    let chunkSize: Int

    init(path: String, chunkSize: Int) throws(LDIFFileError) {
        let descriptor = Self.openForReading(path)
        guard descriptor >= 0 else {
            let code = errno
            throw LDIFFileError(path: path, code: code, reason: SystemCallError(code: code).message)
        }
        self.descriptor = descriptor
        self.chunkSize = max(chunkSize, 1)
    }

    deinit {
        close(descriptor)
    }

    /// Appends up to `chunkSize` bytes to `buffer`; returns how many (0 at
    /// the end of the file) or why the read failed.
    func readChunk(appendingTo buffer: inout [UInt8]) -> Result<Int, SystemCallError> {
        Self.readAppending(descriptor, count: chunkSize, to: &buffer)
    }

    /// The whole content of the file at `path`, for `:<` file URL values
    /// (RFC 2849 §2 "url").
    static func contentsOfFile(atPath path: String) -> Result<[UInt8], SystemCallError> {
        let descriptor = openForReading(path)
        guard descriptor >= 0 else { return .failure(SystemCallError(code: errno)) }
        defer { close(descriptor) }
        var content: [UInt8] = []
        while true {
            switch readAppending(descriptor, count: 1 << 16, to: &content) {
            case .success(0): return .success(content)
            case .success: continue
            case .failure(let error): return .failure(error)
            }
        }
    }

    private static func openForReading(_ path: String) -> Int32 {
        open(path, O_RDONLY | O_CLOEXEC)
    }

    private static func readAppending(_ descriptor: Int32, count: Int, to buffer: inout [UInt8]) -> Result<Int, SystemCallError> {
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: count))
        var result: Int
        var code: Int32 = 0
        repeat {
            result = buffer.withUnsafeMutableBufferPointer { storage in
                guard let base = storage.baseAddress else { return 0 }
                return read(descriptor, base + oldCount, count)
            }
            code = result < 0 ? errno : 0
        } while result < 0 && code == EINTR
        buffer.removeLast(count - max(result, 0))
        return result < 0 ? .failure(SystemCallError(code: code)) : .success(result)
    }
}

/// A failed system call's `errno`, with the system's words for it.
struct SystemCallError: Error {
    let code: Int32

    var message: String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
