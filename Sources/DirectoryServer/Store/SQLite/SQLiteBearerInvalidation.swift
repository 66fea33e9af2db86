import GRDB
import Synchronization

/// Empties the bearer cache when a transaction that changed a table a
/// bearer is read from commits: whichever store method wrote it, including
/// ones added later. Watches the writer connection, which every write of
/// the store goes through (the readers are read-only).
final class SQLiteBearerInvalidation: TransactionObserver, Sendable {
    /// The tables `bearer(hash:)` reads (all rowid tables, whose changes
    /// SQLite reports; cascades start from a change to `organizations`).
    static let tables: Set<String> = ["access_tokens", "organizations", "custom_fields", "domains"]

    private let cache: BearerCache
    /// Whether the open transaction changed one of the tables; only the
    /// writer's queue touches it.
    private let changed = Mutex(false)

    init(cache: BearerCache) {
        self.cache = cache
    }

    /// The organization's seat counter, which every batch of creates
    /// updates and a bearer does not hold.
    static let seatCounter: Set<String> = ["seats_used"]

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        if case .update(let table, let columns) = eventKind, table == "organizations" {
            return !columns.subtracting(Self.seatCounter).isEmpty
        }
        return Self.tables.contains(eventKind.tableName)
    }

    func databaseDidChange() {
        changed.withLock { $0 = true }
    }

    func databaseDidChange(with event: DatabaseEvent) {
        changed.withLock { $0 = true }
    }

    // Called once the transaction is committed: a read that begins after
    // this sees the change.
    func databaseDidCommit(_ db: Database) {
        if changed.withLock({ value in defer { value = false }; return value }) { cache.invalidate() }
    }

    func databaseDidRollback(_ db: Database) {
        changed.withLock { $0 = false }
    }
}
