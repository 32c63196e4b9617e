import Foundation
import ShuniuSQLite
import Testing

@Suite struct SQLiteDatabaseTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-\(UUID().uuidString).sqlite").path

    @Test func valuesRoundTripThroughARealFile() throws {
        let db = try SQLiteDatabase(path: path)
        try db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
        try db.run("INSERT INTO t VALUES (?, ?, ?, ?, ?)",
                   [.integer(Int64.max), .real(1.5), .text("户籍 ✓"), .blob([0, 1, 255]), .null])
        let rows = try db.query("SELECT i, r, s, b, n FROM t")
        #expect(rows == [[.integer(Int64.max), .real(1.5), .text("户籍 ✓"), .blob([0, 1, 255]), .null]])
        let mode = try db.query("PRAGMA journal_mode")
        #expect(mode == [[.text("wal")]])
    }

    @Test func transactionRollsBackWhenTheBodyThrows() throws {
        let db = try SQLiteDatabase(path: path)
        try db.execute("CREATE TABLE t (k TEXT PRIMARY KEY)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.run("INSERT INTO t VALUES ('a')")
                throw Boom()
            }
        }
        #expect(try db.query("SELECT count(*) FROM t") == [[.integer(0)]])
        try db.transaction { try db.run("INSERT INTO t VALUES ('b')") }
        let reopened = try SQLiteDatabase(path: path)
        #expect(try reopened.query("SELECT k FROM t") == [[.text("b")]])
    }

    @Test func badSQLNamesTheStatement() throws {
        let db = try SQLiteDatabase(path: path)
        do {
            try db.run("SELEKT 1")
            Issue.record("bad SQL must throw")
        } catch {
            #expect(error.sql == "SELEKT 1")
            #expect(error.message.contains("syntax error"))
        }
    }
}
