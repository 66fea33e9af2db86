@testable import AgentStore
import GRDB
import Testing

@Suite("Statements bound through SQLite's C interface")
struct RawStatementTests {
    @Test("text (empty, non-ASCII), integers, reals, booleans and NULL go in as bound, row after row")
    func values() throws {
        let db = try DatabaseQueue()
        let rows = try db.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT NOT NULL, b INTEGER, c REAL, d TEXT)")
            var insert = RawStatement(try db.makeStatement(sql: "INSERT INTO t (a, b, c, d) VALUES (?, ?, ?, ?)"))
            for (a, b, c, d) in [("", 1, 0.5, nil), ("Grüße, \"Ünïcødé\" 🙂", -7, 1e300, "x"), ("plain", Int.max, -0.25, "")] as [(String, Int, Double, String?)] {
                insert.text(a)
                insert.int(b)
                insert.double(c)
                insert.text(d)
                try insert.run(db)
            }
            return try Row.fetchAll(db, sql: "SELECT a, b, c, d FROM t ORDER BY rowid")
        }
        #expect(rows.map { $0[0] as String } == ["", "Grüße, \"Ünïcødé\" 🙂", "plain"])
        #expect(rows.map { $0[1] as Int } == [1, -7, Int.max])
        #expect(rows.map { $0[2] as Double } == [0.5, 1e300, -0.25])
        #expect(rows.map { $0[3] as String? } == [nil, "x", ""])
    }

    @Test("a refused row throws SQLite's error with the statement; the statement takes the next row")
    func refusal() throws {
        let db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT PRIMARY KEY NOT NULL, b INTEGER NOT NULL)")
            var insert = RawStatement(try db.makeStatement(sql: "INSERT INTO t (a, b) VALUES (?, ?)"))
            insert.text("one")
            insert.bool(true)
            try insert.run(db)
            insert.text("one")
            insert.bool(false)
            let error = try #require(throws: DatabaseError.self) { try insert.run(db) }
            #expect(error.resultCode == .SQLITE_CONSTRAINT)
            #expect(error.message?.contains("t.a") == true)
            #expect(error.sql == "INSERT INTO t (a, b) VALUES (?, ?)")
            insert.text("two")
            insert.null()
            #expect(throws: DatabaseError.self) { try insert.run(db) }
            insert.text("two")
            insert.int(2)
            try insert.run(db)
            #expect(try Int.fetchAll(db, sql: "SELECT b FROM t ORDER BY a") == [1, 2])
        }
    }
}
