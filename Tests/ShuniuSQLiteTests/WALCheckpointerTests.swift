import Foundation
import ShuniuSQLite
import Testing

@Suite struct WALCheckpointerTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-wal-\(UUID().uuidString).sqlite").path

    private func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// With automatic checkpoints off, the data reaches the database file only through the
    /// checkpointer, while the writer keeps its connection open.
    @Test func movesTheWALIntoTheDatabaseWhileTheWriterStaysOpen() async throws {
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let writer = try SQLiteDatabase(path: path)
        try writer.execute("PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)")
        let before = fileSize(path)
        try writer.transaction {
            for key in 0..<2_000 { try writer.run("INSERT INTO t VALUES (?1, ?2)", [.integer(Int64(key)), .blob([UInt8](repeating: 7, count: 1_000))]) }
        }
        #expect(fileSize(path) == before, "nothing checkpointed yet: the rows are only in the WAL")

        let checkpointer = try WALCheckpointer(path: path, interval: .milliseconds(50), walLimit: 1 << 30)
        let deadline = ContinuousClock.now + .seconds(60)
        while fileSize(path) < 2_000_000 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(fileSize(path) >= 2_000_000, "the checkpointer copied the WAL into the database file")
        #expect(!checkpointer.writerShouldWait)
        checkpointer.stop()
        #expect(try writer.query("SELECT count(*) FROM t") == [[.integer(2_000)]])
    }

    @Test func aWALPastItsLimitTellsTheWriterToWait() throws {
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let writer = try SQLiteDatabase(path: path)
        try writer.execute("PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)")
        let checkpointer = try WALCheckpointer(path: path, interval: .seconds(3_600), walLimit: 100_000)
        #expect(!checkpointer.writerShouldWait)
        try writer.transaction {
            for key in 0..<500 { try writer.run("INSERT INTO t VALUES (?1, ?2)", [.integer(Int64(key)), .blob([UInt8](repeating: 1, count: 1_000))]) }
        }
        #expect(checkpointer.writerShouldWait, "500 kB of WAL against a 100 kB limit")
    }
}
