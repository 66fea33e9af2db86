public import Foundation

/// Files and folders of one test process, all under one root in the
/// system's temporary folder (`directorysync-tests-PID`), removed when the
/// process exits. A run that was killed leaves its root behind; the next
/// run removes it, its process being gone. (Each test made a folder of its
/// own and left it: thousands of them, gigabytes after a day's runs.)
public enum TestFolder {
    /// A new, empty folder: `ROOT/PREFIX-UUID`.
    public static func make(_ prefix: String) throws -> URL {
        let folder = path(prefix)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A path nothing is at yet, for a file or a folder the caller creates:
    /// `ROOT/NAME-UUID` (a NAME with an extension keeps it last).
    public static func path(_ name: String) -> URL {
        let unique = UUID().uuidString
        let file = (name as NSString).pathExtension.isEmpty
            ? "\(name)-\(unique)"
            : "\((name as NSString).deletingPathExtension)-\(unique).\((name as NSString).pathExtension)"
        return root.appendingPathComponent(file)
    }

    private static let prefix = "directorysync-tests-"

    private static let root: URL = {
        let temporary = FileManager.default.temporaryDirectory
        removeAbandonedRoots(in: temporary)
        let root = temporary.appendingPathComponent(prefix + String(getpid()))
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent(TestFolder.prefix + String(getpid()))
            try? FileManager.default.removeItem(at: root)
        }
        return root
    }()

    /// Roots of test processes that no longer run.
    private static func removeAbandonedRoots(in temporary: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
            }
        }
    }
}
