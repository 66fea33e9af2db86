public import Foundation
import FileProblems
import GRDB

/// The agent's state in one SQLite file in its data folder: links, members
/// written, base-DN counts, watermarks, runs with per-object results, the
/// retry queue and the intent journal.
///
/// WAL (readers never wait for the writer) and `synchronous=NORMAL`: a
/// committed transaction survives a process crash (SIGKILL), which is what
/// the intent journal needs; a power loss may lose the last transactions,
/// never corrupt the file, and the journal then replays what it must.
public final class AgentStore: Sendable {
    /// The file's name inside the data folder.
    public static let fileName = "state.sqlite"

    let pool: DatabasePool
    public let retention: AgentStoreRetention
    /// Injected so tests can move time forward for retention.
    let now: @Sendable () -> Date

    public convenience init(folder: URL, retention: AgentStoreRetention = AgentStoreRetention()) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StateFileError(description: "the data folder cannot be used: \(FileProblem.describe(folder.path, for: .writeFolder, error: error))")
        }
        try self.init(path: folder.appendingPathComponent(Self.fileName).path, retention: retention)
    }

    public init(path: String, retention: AgentStoreRetention = AgentStoreRetention(), now: @escaping @Sendable () -> Date = Date.init) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try AgentStoreMigrations.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StateFileError(opening: path, error)
        }
        self.retention = retention
        self.now = now
    }

    /// The journal mode SQLite reports (`wal`), for checks.
    public func journalMode() async throws -> String {
        try await pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }
}
