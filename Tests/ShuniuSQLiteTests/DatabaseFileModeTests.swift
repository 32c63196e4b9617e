import Foundation
import ShuniuSQLite
import Testing

/// Database files hold personal data or keys: mode 0600 for the file, its `-wal` and `-shm`,
/// whatever the umask, and an older file opened again is narrowed.
@Suite(.serialized) struct DatabaseFileModeTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-mode-\(UUID().uuidString).sqlite").path

    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func aNewDatabaseAndItsWALAndSHMAreOwnerOnly() throws {
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let previous = umask(0o022)
        defer { umask(previous) }
        let db = try SQLiteDatabase(path: path)
        try db.execute("CREATE TABLE t (k TEXT)")
        try db.run("INSERT INTO t VALUES ('440111195908125807')")
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file)")
            #expect(try Self.mode(file) == 0o600, "\(file)")
        }
    }

    @Test func anOlderWiderFileIsNarrowedWhenOpenedForWriting() throws {
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let db = try SQLiteDatabase(path: path)
            try db.execute("CREATE TABLE t (k TEXT)")
        }
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        }
        let reader = try SQLiteDatabase(path: path, readOnly: true)
        #expect(try reader.query("SELECT count(*) FROM t") == [[.integer(0)]])
        #expect(try Self.mode(path) == 0o644, "a read-only open changes nothing")
        let writer = try SQLiteDatabase(path: path)
        try writer.run("INSERT INTO t VALUES ('x')")
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            #expect(try Self.mode(file) == 0o600, "\(file)")
        }
    }
}
