import GRDB
import GRDBSQLite
import SyncEngine

/// An anchor column read straight from SQLite's text: a state load reads
/// some 850,000 anchors (links, and both sides of every membership written),
/// and a UUID's 36 bytes become its 128 bits without a `String` made,
/// checked and dropped first (GRDB decodes cursor rows through
/// `StatementColumnConvertible` without a `DatabaseValue`).
struct StoredAnchor: DatabaseValueConvertible, StatementColumnConvertible {
    let anchor: Anchor

    init(_ anchor: Anchor) { self.anchor = anchor }

    init?(sqliteStatement: SQLiteStatement, index: CInt) {
        // The text's bytes stay valid until the next step of the statement
        // (sqlite3_column_text, https://sqlite.org/c3ref/column_blob.html).
        guard let text = sqlite3_column_text(sqliteStatement, index) else { return nil }
        let count = Int(sqlite3_column_bytes(sqliteStatement, index))
        anchor = Anchor(utf8: UnsafeRawBufferPointer(start: text, count: count))
    }

    var databaseValue: DatabaseValue { anchor.rawValue.databaseValue }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredAnchor? {
        String.fromDatabaseValue(dbValue).map { StoredAnchor(Anchor($0)) }
    }
}
