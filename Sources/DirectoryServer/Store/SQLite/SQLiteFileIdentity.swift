import Foundation
import GRDB
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Refuses every commit once the file at the database's path is no longer
/// the one directoryd opened: deleted, or replaced (a backup restored with
/// `mv` or `rsync`). SQLite would go on writing to the open file, which no
/// later start reads, and every write answered 201 would be lost at the
/// next restart. The check is a `stat` of the path per commit (a few
/// microseconds; commits are batched).
final class SQLiteFileIdentity: TransactionObserver, Sendable {
    struct Identity: Equatable {
        var device: UInt64
        var inode: UInt64
    }

    let path: String
    private let opened: Identity
    private let reported = Mutex(false)
    private let logger = Logger(label: "directoryd")

    init(path: String) throws {
        guard let identity = Self.identity(of: path) else {
            throw DirectoryError.unavailable("the database file \(path) cannot be read")
        }
        self.path = path
        opened = identity
    }

    /// The device and inode the path names now (symbolic links followed).
    static func identity(of path: String) -> Identity? {
        #if canImport(Glibc)
        var status = Glibc.stat()
        #else
        var status = Darwin.stat()
        #endif
        guard fstatat(AT_FDCWD, path, &status, 0) == 0 else { return nil }
        return Identity(device: UInt64(truncatingIfNeeded: status.st_dev), inode: UInt64(truncatingIfNeeded: status.st_ino))
    }

    /// Throws (so the transaction is rolled back and nothing is answered
    /// as written) when the path no longer names the file opened.
    func databaseWillCommit() throws {
        let now = Self.identity(of: path)
        guard now != opened else { return }
        let what = now == nil ? "was deleted" : "was replaced by another file"
        let detail = "the database file \(path) \(what) while directoryd ran; nothing was written. "
            + "Restart directoryd to open the file now at that path (or put the original back)"
        if !reported.withLock({ value in defer { value = true }; return value }) {
            logger.error("\(detail); every write is refused until then")
        }
        throw DirectoryError.unavailable(detail)
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) {}
    func databaseDidRollback(_ db: Database) {}
}
