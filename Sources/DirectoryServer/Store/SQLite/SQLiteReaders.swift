import GRDB
import Synchronization

/// Short reads on the calling thread, without the hand-over to a GRDB
/// reader queue and back (two thread switches a read).
///
/// Each read takes an idle read-only connection of its own, or opens one:
/// it never waits for a connection another task holds, so a read blocks
/// its thread only for the statements it runs. (Waiting for a connection of
/// the pool on a Swift concurrency thread is what deadlocked: see
/// `SQLiteDirectoryStore`.) In WAL mode a read transaction sees every
/// transaction committed before it began, as the pool's readers do.
///
/// For point reads and bounded pages only: a long scan would hold a Swift
/// concurrency thread, so those stay on the pool's readers.
final class SQLiteReaders: Sendable {
    private let open: @Sendable () throws -> DatabaseQueue
    private let idle = Mutex<[DatabaseQueue]>([])
    /// Idle connections kept; more are closed when given back.
    private let keep: Int

    /// How much of the database file a reader maps instead of copying its
    /// pages with `pread` into a cache of its own (https://sqlite.org/mmap.html).
    static let mappedBytes = 1 << 32

    init(path: String, configuration: Configuration, keep: Int = 8) {
        var readOnly = configuration
        readOnly.readonly = true
        readOnly.prepareDatabase { db in
            try db.execute(sql: "PRAGMA mmap_size = \(Self.mappedBytes)")
        }
        let settings = readOnly
        self.open = { try DatabaseQueue(path: path, configuration: settings) }
        self.keep = keep
    }

    /// Statements in one read transaction: they all see the same snapshot.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try withConnection { try $0.read(body) }
    }

    /// One statement, which SQLite runs in a read transaction of its own:
    /// no BEGIN and COMMIT around it.
    func readOne<T>(_ body: (Database) throws -> T) throws -> T {
        try withConnection { try $0.inDatabase(body) }
    }

    private func withConnection<T>(_ body: (DatabaseQueue) throws -> T) throws -> T {
        let connection = try idle.withLock { $0.popLast() } ?? open()
        defer {
            idle.withLock { idle in
                if idle.count < keep { idle.append(connection) }
            }
        }
        return try body(connection)
    }
}
