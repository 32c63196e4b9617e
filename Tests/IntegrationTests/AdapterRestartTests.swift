import Foundation
import ShuniuAdapters
import ShuniuKafka
import ShuniuModel
import ShuniuSQLite
import Testing

/// The adapter against the shared test broker: a restart re-sends nothing acknowledged, and
/// the `updated-at` mode with mapped columns.
@Suite struct AdapterRestartTests {
    @Test func aRestartedAdapterDoesNotResendAcknowledgedChanges() async throws {
        let fixture = try AdapterFixture()
        try await fixture.createTopic(Broker.client)
        let table = try ChangeTable(path: fixture.path("civil.db"))
        let config = adapterConfig(fixture, table, bootstrap: Broker.bootstrap)

        try table.upsert(revisions: 1...1_000, subjects: 100)
        try table.delete(subject: 5)
        let first = try Adapter(config: config, catalogue: fixture.catalogue)
        let sent = try await first.runOnce()
        #expect(sent.spooled == 1_001 && sent.sent == 1_001 && sent.waiting == 0)
        await first.close()

        // Spooled but never acknowledged: the broker address is wrong this time.
        try table.upsert(revisions: 1_001...1_500, subjects: 100)
        var unreachable = config
        unreachable.bootstrap = "127.0.0.1:1"
        unreachable.messageTimeout = .seconds(1)
        let second = try Adapter(config: unreachable, catalogue: fixture.catalogue)
        let failed = try await second.runOnce()
        #expect(failed.spooled == 500 && failed.sent == 0 && failed.waiting == 500 && failed.error != nil)
        await second.close()

        let third = try Adapter(config: config, catalogue: fixture.catalogue)
        let resumed = try await third.runOnce()
        #expect(resumed.spooled == 0 && resumed.sent == 500 && resumed.waiting == 0)
        let idle = try await third.runOnce()
        #expect(idle.isIdle)
        // One change per subject is in flight at a time: the failed attempt held 100 of the 500.
        let totals = try await third.totals()
        #expect(totals == AdapterTotals(spooled: 1_501, rejected: 0, sent: 1_501, resent: 100, waiting: 0))
        await third.close()

        let messages = try await Broker.readAll(fixture.topic, partitions: 3)
        let perID = Dictionary(grouping: messages) { try? $0.changeEvent().id }
        #expect(messages.count == 1_501 && perID.count == 1_501, "every change once: nothing acknowledged was sent again")
        let arrivals = Arrivals(messages)
        #expect(arrivals.subjectsOutOfOrder.isEmpty)
        #expect(Set(arrivals.revisionsBySubject.values.flatMap { $0 }) == Set(1...1_500))
        #expect(arrivals.bySubject[AdapterFixture.citizenID(5)]?.map(\.action).filter { $0 == .deleted }.count == 1)
    }

    @Test func updatedAtModeSendsEachNewerRowWithMappedColumns() async throws {
        let fixture = try AdapterFixture()
        try await fixture.createTopic(Broker.client)
        let database = try SQLiteDatabase(path: fixture.path("ledger.db"))
        try database.execute("""
            CREATE TABLE ledger (sfzh TEXT PRIMARY KEY, xm TEXT, status TEXT, revision INTEGER,
                                 monthly_allowance REAL, eligible INTEGER, modified TEXT)
            """)
        func write(_ subjects: Range<Int>, revision: Int, at time: String) throws {
            try database.transaction {
                for index in subjects {
                    try database.run("INSERT OR REPLACE INTO ledger VALUES (?1, ?2, 'active', ?3, 980.5, 1, ?4)",
                                     [.text(AdapterFixture.citizenID(index)), .text("赵\(index)"), .integer(Int64(revision)), .text(time)])
                }
            }
        }
        try write(0..<100, revision: 1, at: "2026-11-01T08:00:00Z")
        var config = AdapterConfig(department: "civil-affairs", theme: fixture.theme.id, database: database.path,
                                   table: "ledger", mode: .updatedAt, spool: fixture.path("ledger.spool"),
                                   bootstrap: Broker.bootstrap)
        config.updatedAtColumn = "modified"
        config.columns = ["citizen_id": "sfzh", "name": "xm"]
        let adapter = try Adapter(config: config, catalogue: fixture.catalogue)
        #expect(try await adapter.runOnce().sent == 100)
        try write(10..<20, revision: 2, at: "2026-11-01T09:00:00Z")
        #expect(try await adapter.runOnce().sent == 10)
        #expect(try await adapter.runOnce().isIdle)
        await adapter.close()

        let arrivals = Arrivals(try await Broker.readAll(fixture.topic, partitions: 3))
        #expect(arrivals.events.count == 110 && arrivals.subjectsOutOfOrder.isEmpty)
        let latest = try #require(arrivals.bySubject[AdapterFixture.citizenID(15)]?.last)
        #expect(try Row.parse(bytes: latest.value) == ["citizen_id": .string(AdapterFixture.citizenID(15)), "name": "赵15",
                                                       "status": "active", "revision": 2, "monthly_allowance": .number("980.5"),
                                                       "eligible": true])
    }
}

/// The test adapter's configuration for a change table.
func adapterConfig(_ fixture: AdapterFixture, _ table: ChangeTable, bootstrap: String) -> AdapterConfig {
    var config = AdapterConfig(department: "civil-affairs", theme: fixture.theme.id, database: table.path,
                               table: "changes", mode: .changeTable, spool: fixture.path("adapter.spool"),
                               bootstrap: bootstrap)
    config.pollInterval = .milliseconds(100)
    config.batchSize = 5_000
    config.messageTimeout = .seconds(3)
    config.maxBackoff = .seconds(2)
    return config
}
