import Foundation

/// The path the control socket is bound and connected by. A Unix socket's
/// path must fit in `sockaddr_un.sun_path` (unix(7): 108 bytes on Linux
/// with the terminating NUL), and NIO takes at most 103 bytes on every
/// platform (macOS's 104, less the NUL); a data folder deep in a file system
/// makes a longer one: binding failed with NIO's bare
/// `unixDomainSocketPathTooLong`.
/// A longer path is reached through the folder's open descriptor instead:
/// on Linux `/proc/self/fd/N/control.sock` names the same file (proc(5):
/// the descriptor's link resolves to the folder), whatever the folder's
/// length.
enum ControlSocketPath {
    static let maximumLength = min(MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1, 103)

    /// Runs `body` with a path that names `path` and fits in a socket
    /// address; the folder's descriptor, when one is needed, stays open
    /// until `body` returns.
    static func withUsablePath<T>(_ path: String, _ body: (String) async throws -> T) async throws -> T {
        guard path.utf8.count > maximumLength else { return try await body(path) }
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let short = "/proc/self/fd/\(descriptor)/\(name)"
        guard descriptor >= 0, FileManager.default.fileExists(atPath: "/proc/self/fd/\(descriptor)"), short.utf8.count <= maximumLength else {
            if descriptor >= 0 { close(descriptor) }
            throw ControlError.socket(path: path, reason: """
                its path is \(path.utf8.count) bytes, and a Unix socket's may have at most \(maximumLength) \
                (reaching it through /proc/self/fd failed too); use a data folder with a shorter path (--data)
                """)
        }
        defer { close(descriptor) }
        return try await body(short)
    }
}
