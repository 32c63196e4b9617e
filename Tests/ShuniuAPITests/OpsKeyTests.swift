import Foundation
import Logging
import ShuniuAPI
import Synchronization
import Testing

@Suite("Ops keys and single flight")
struct OpsKeyTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString).sqlite").path
    }

    @Test("an ops key is stored with its role, authenticates as ops (never as a department) and can be revoked")
    func opsKeyInTheStore() throws {
        let path = Self.temporaryPath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try APIKeyStore(path: path)
        let ops = try store.issueOps(label: "grafana", at: "2026-01-01T00:00:00Z")
        let tax = try store.issue(department: "tax", label: nil, at: "2026-01-01T00:00:01Z")
        let listed = try store.keys(department: nil)
        #expect(listed.map(\.role) == [.ops, .department])
        #expect(listed.map(\.id) == [ops.id, tax.id])
        #expect(listed[0].department.isEmpty)

        let ring = try KeyRing(path: path, logger: Logger(label: "test"))
        #expect(ring.caller(bearer: Substring(ops.text)) == .ops(keyID: ops.id))
        #expect(ring.department(bearer: Substring(ops.text)) == nil)
        #expect(ring.caller(bearer: Substring(tax.text)) == .department("tax", keyID: tax.id))
        #expect(try store.revoke(id: ops.id, at: "2026-01-02T00:00:00Z"))
        try ring.reload()
        #expect(ring.caller(bearer: Substring(ops.text)) == nil)
    }

    @Test("a key file written before ops keys opens, its keys stay departments' keys",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "needs the sqlite3 shell"))
    func oldKeyFile() throws {
        let path = Self.temporaryPath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [path, """
            CREATE TABLE api_keys (id TEXT PRIMARY KEY, department TEXT NOT NULL, salt BLOB NOT NULL, hash BLOB NOT NULL,
                                   label TEXT, issued TEXT NOT NULL, revoked TEXT);
            INSERT INTO api_keys VALUES ('aaaaaaaaaaaa', 'tax', x'00', x'00', NULL, '2025-01-01T00:00:00Z', NULL);
            """]
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        #expect(try APIKeyStore(path: path, readOnly: true).keys(department: nil).map(\.role) == [.department])
        let store = try APIKeyStore(path: path)
        #expect(try store.keys(department: nil).map(\.role) == [.department])
        _ = try store.issueOps(label: nil, at: "2026-01-01T00:00:00Z")
        #expect(try store.keys(department: nil).map(\.role) == [.department, .ops])
    }

    @Test("single flight: concurrent callers share one computation; the result is reused for the interval, failures too")
    func singleFlight() async throws {
        let calls = Mutex(0)
        let flight = SingleFlight<Int>(interval: .seconds(60)) {
            let call = calls.withLock { $0 += 1; return $0 }
            try await Task.sleep(for: .milliseconds(200))
            return call
        }
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<50 { group.addTask { try await flight.value() } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(values == Array(repeating: 1, count: 50))
        #expect(calls.withLock { $0 } == 1)
        #expect(try await flight.value() == 1)

        struct Failed: Error {}
        let failures = Mutex(0)
        let failing = SingleFlight<Int>(interval: .seconds(60)) {
            failures.withLock { $0 += 1 }
            throw Failed()
        }
        for _ in 0..<3 { await #expect(throws: Failed.self) { try await failing.value() } }
        #expect(failures.withLock { $0 } == 1, "a failure is not retried within the interval")

        let fresh = Mutex(0)
        let short = SingleFlight<Int>(interval: .milliseconds(50)) { fresh.withLock { $0 += 1; return $0 } }
        #expect(try await short.value() == 1)
        try await Task.sleep(for: .milliseconds(120))
        #expect(try await short.value() == 2)
    }
}
