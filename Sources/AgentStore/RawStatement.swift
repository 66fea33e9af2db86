import GRDB
import GRDBSQLite

/// A prepared statement bound and run through SQLite's C interface
/// (https://sqlite.org/c3ref/bind_blob.html, https://sqlite.org/c3ref/step.html,
/// https://sqlite.org/c3ref/reset.html), for the rows an initial sync writes
/// by the hundred thousand: GRDB's `execute(arguments:)` first boxes every
/// value into a `StatementArguments` array, and building, retaining and
/// releasing it cost more than SQLite's insert of a link.
///
/// Each value is bound in the order of the statement's parameters, then
/// `run` steps the statement once and resets it for the next row. Text is
/// copied by SQLite (`SQLITE_TRANSIENT`).
struct RawStatement {
    private let statement: Statement
    private var next: CInt = 1

    init(_ statement: Statement) { self.statement = statement }

    private var handle: SQLiteStatement { statement.sqliteStatement }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { bytes in
            // An empty buffer may have no address, and a null pointer binds NULL.
            if let start = bytes.baseAddress, !bytes.isEmpty {
                _ = sqlite3_bind_text(handle, next, UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self), CInt(bytes.count), Self.transient)
            } else {
                _ = sqlite3_bind_text(handle, next, "", 0, Self.transient)
            }
        }
        next += 1
    }

    mutating func text(_ value: String?) {
        guard let value else { return null() }
        text(value)
    }

    mutating func int(_ value: Int) {
        _ = sqlite3_bind_int64(handle, next, Int64(value))
        next += 1
    }

    mutating func bool(_ value: Bool) { int(value ? 1 : 0) }

    mutating func double(_ value: Double) {
        _ = sqlite3_bind_double(handle, next, value)
        next += 1
    }

    mutating func blob(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            // Like text: an empty value needs an address, or it binds NULL.
            _ = sqlite3_bind_blob(handle, next, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), CInt(raw.count), Self.transient)
        }
        next += 1
    }

    mutating func null() {
        _ = sqlite3_bind_null(handle, next)
        next += 1
    }

    /// Runs the statement with the values bound since the last run. A
    /// binding that failed (a value too large) fails the step with its code.
    mutating func run(_ db: Database) throws {
        precondition(next == sqlite3_bind_parameter_count(handle) + 1, "every parameter of \(statement.sql) is bound")
        next = 1
        let code = sqlite3_step(handle)
        let message = code == SQLITE_DONE ? nil : String(cString: sqlite3_errmsg(db.sqliteConnection))
        // Ready for the next row, whether the step succeeded or not.
        sqlite3_reset(handle)
        if let message { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql) }
    }

    /// `SQLITE_TRANSIENT`, a macro Swift does not import: SQLite copies the value.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self) }
}
