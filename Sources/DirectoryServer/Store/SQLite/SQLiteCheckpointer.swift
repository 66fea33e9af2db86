import Dispatch
import GRDB

/// WAL checkpoints off the writer's thread. SQLite's automatic checkpoint
/// runs in the connection that commits, so every thousandth page or so a
/// create waited for the WAL to be copied into the database and for two
/// fsyncs. A passive checkpoint from a connection of its own copies what
/// no reader still needs, beside the writer and the readers, ten times a
/// second; the writer's own automatic checkpoint stays as a backstop, at
/// ten times the usual size, for a WAL that grows faster than this.
///
/// It stops when the store is released.
final class SQLiteCheckpointer: Sendable {
    /// Pages in the WAL before the writer checkpoints itself.
    static let writerBackstop = 10_000

    private let connection: DatabaseQueue

    init(path: String, configuration: Configuration) throws {
        connection = try DatabaseQueue(path: path, configuration: configuration)
        schedule()
    }

    private func schedule() {
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + .milliseconds(100)) { [weak self] in
            guard let self else { return }
            self.checkpoint()
            self.schedule()
        }
    }

    private func checkpoint() {
        // A passive checkpoint waits for nobody; a failure leaves the WAL
        // to the next one (or to the writer's backstop).
        try? connection.inDatabase { db in try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)") }
    }
}
