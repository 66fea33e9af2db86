import CSQLiteTuning
import GRDB
import GRDBSQLite
import Testing

/// SQLite runs without memory statistics, so its allocations take no
/// process-wide mutex (CSQLiteTuning).
@Suite struct SQLiteTuningTests {
    @Test func memoryStatisticsAreOffBeforeAnyConnection() throws {
        #expect(directorysync_sqlite_memory_statistics_off() == 1)
        // With the statistics on, a connection and a query count their
        // allocations; off, the counter stays at zero.
        let queue = try DatabaseQueue()
        let count = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
        #expect(count == 0)
        #expect(sqlite3_memory_used() == 0)
    }
}
