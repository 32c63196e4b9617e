import Foundation
import Logging
import ShuniuAdapters
import ShuniuModel
import Testing

/// Broker outages during a 50 000-change run, each on a broker of the test's own (the shared
/// test broker is never paused or restarted): every change arrives, in order per subject,
/// none missing. Serialized: they time outages with the wall clock.
@Suite(.serialized) struct AdapterOutageTests {
    static let total = 50_000
    static let subjects = 2_000

    /// The limit catches a hang, not slowness: with every suite running at once on two cores
    /// this test has taken 204 s (and passed every assertion).
    @Test(.timeLimit(.minutes(6)))
    func aBrokerPausedLongerThanTheDeliveryTimeoutLosesNothing() async throws {
        let fixture = try AdapterFixture()
        let broker = try TestBroker(start: false)
        try broker.start()
        do {
            try await fixture.createTopic(broker.client)
            let table = try ChangeTable(path: fixture.path("civil.db"))
            let config = adapterConfig(fixture, table, bootstrap: broker.bootstrap)
            let adapter = try Adapter(config: config, catalogue: fixture.catalogue, logger: Self.logger)
            let stop = StopFlag()
            let running = Task { await adapter.run(until: { stop.isSet }) }
            var pausedAt: ContinuousClock.Instant?
            for chunk in 0..<100 {
                try table.upsert(revisions: chunk * 500 + 1...(chunk + 1) * 500, subjects: Self.subjects)
                if chunk == 20 {
                    broker.pause()
                    pausedAt = .now
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            let paused = try #require(pausedAt)
            let pauseLength = config.messageTimeout * 2
            try await Task.sleep(until: paused + pauseLength)
            broker.resume()
            let totals = try await Self.waitUntilDelivered(adapter)
            stop.stop()
            await running.value

            let arrivals = Arrivals(try await Broker.readAll(fixture.topic, partitions: 3, client: broker.client))
            Self.expectEverythingArrived(arrivals)
            #expect(totals.resent > 0, "the pause made deliveries fail, and they were retried")
            print("paused \(pauseLength) with a \(config.messageTimeout) delivery timeout: \(totals); \(arrivals.duplicates) duplicates on the topic")
        } catch {
            broker.stop()
            throw error
        }
        broker.stop()
    }

    @Test(.timeLimit(.minutes(6)))
    func anAdapterStartedAMinuteBeforeItsBrokerLosesNothing() async throws {
        let fixture = try AdapterFixture()
        let broker = try TestBroker(start: false)
        do {
            let table = try ChangeTable(path: fixture.path("civil.db"))
            let config = adapterConfig(fixture, table, bootstrap: broker.bootstrap)
            try table.upsert(revisions: 1...Self.total / 2, subjects: Self.subjects)
            let adapter = try Adapter(config: config, catalogue: fixture.catalogue, logger: Self.logger)
            let started = ContinuousClock.now
            let stop = StopFlag()
            let running = Task { await adapter.run(until: { stop.isSet }) }
            for chunk in 0..<50 {
                let first = Self.total / 2 + chunk * 500
                try table.upsert(revisions: first + 1...first + 500, subjects: Self.subjects)
                try await Task.sleep(for: .milliseconds(100))
            }
            try await Task.sleep(until: started + .seconds(60))
            // On a busy machine the spool may still be catching up with the table: give it time.
            var before = try await adapter.totals()
            let patience = ContinuousClock.now + .seconds(60)
            while before.spooled < Self.total && ContinuousClock.now < patience {
                try await Task.sleep(for: .milliseconds(250))
                before = try await adapter.totals()
            }
            #expect(before.sent == 0 && before.spooled == Self.total && before.waiting == Self.total)
            try broker.start()
            try await fixture.createTopic(broker.client)
            let totals = try await Self.waitUntilDelivered(adapter)
            stop.stop()
            await running.value

            let arrivals = Arrivals(try await Broker.readAll(fixture.topic, partitions: 3, client: broker.client))
            Self.expectEverythingArrived(arrivals)
            print("broker started after \(ContinuousClock.now - started): \(totals); \(arrivals.duplicates) duplicates on the topic")
        } catch {
            broker.stop()
            throw error
        }
        broker.stop()
    }

    /// Warnings only: the retries show, the progress lines do not.
    private static var logger: Logger {
        var logger = Logger(label: "shuniu.adapter.test")
        logger.logLevel = .warning
        return logger
    }

    /// Waits until every change is spooled and acknowledged.
    private static func waitUntilDelivered(_ adapter: Adapter) async throws -> AdapterTotals {
        let deadline = ContinuousClock.now + .seconds(180)
        while ContinuousClock.now < deadline {
            let totals = try await adapter.totals()
            if totals.spooled == total && totals.waiting == 0 { return totals }
            try await Task.sleep(for: .milliseconds(200))
        }
        let totals = try await adapter.totals()
        Issue.record("not delivered within 180 s: \(totals)")
        return totals
    }

    private static func expectEverythingArrived(_ arrivals: Arrivals) {
        #expect(arrivals.undecodable == 0)
        #expect(arrivals.events.count == total, "every change arrives (duplicates set aside)")
        #expect(Set(arrivals.revisionsBySubject.values.flatMap { $0 }) == Set(1...total), "none missing")
        #expect(arrivals.subjectsOutOfOrder.isEmpty, "in order per subject")
        #expect(arrivals.bySubject.count == subjects)
    }
}
