import Foundation
import Logging
import ShuniuCity
import ShuniuCredit
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel
import ShuniuStreams
import Testing

/// A generated city's credit themes on a private broker, and credit projector runs over them.
struct CreditCity {
    let broker: TestBroker
    let catalogue = RoutingScenario.catalogue
    let events: [ChangeEvent]

    init(broker: TestBroker, persons: Int, entities: Int) async throws {
        self.broker = broker
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-creditcity-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let city = CityGenerator(parameters: CityParameters(persons: persons, entities: entities, seed: 5)).build()
        let report = try CityWriter(catalogue: catalogue, directory: directory, workers: 2).write(city)
        events = try report.events(in: directory, catalogue: catalogue) { CreditSource.byTheme[$0.id] != nil }
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
    }

    func publish(_ events: [ChangeEvent]) async throws {
        let producer = try KafkaProducer(config: ProducerConfig(client: broker.client))
        let reports = try await producer.send(events.map { ProducerRecord(event: $0) })
        await producer.close()
        if let error = reports.firstError { throw error }
    }

    /// Runs the credit projector in-process until the topics' current ends.
    func project(into store: SQLiteCreditStore, batchSize: Int = 1_000) async throws -> ProjectorCounters {
        var config = ProjectorConfig()
        config.client = broker.client
        config.follow = false
        config.batchSize = batchSize
        var logger = Logger(label: "it.credit")
        logger.logLevel = .warning
        let projector = try ProjectorService(config: config, catalogue: catalogue, store: store,
                                             hub: SigningKey.hub(RouterHarness.secret).verifyingKey, logger: logger)
        try await projector.run()
        return projector.counters
    }
}

@Suite("Credit library on a real broker", .serialized)
struct CreditProjectorTests {
    @Test func objectionsThroughTheLogAndRebuildDigestEqualsLive() async throws {
        let broker = try TestBroker()
        let city = try await CreditCity(broker: broker, persons: 1_000, entities: 150)
        try await city.publish(city.events)
        let live = try LibraryFile()
        let store = try SQLiteCreditStore(path: live.path, catalogue: city.catalogue)
        let first = try await city.project(into: store)
        #expect(first.read == city.events.count && first.rejected == 0)
        #expect(first.applied + first.stale == city.events.count)
        let reader = CreditReader(lookup: store, catalogue: city.catalogue)

        // Objections on three penalties still in publicity, through ctl.credit-objections.
        let day = CalendarDate(iso: "2026-03-04")!
        var records: [CreditRecord] = []
        for number in Set(city.events.filter { $0.theme == "administrative-penalties" }.map(\.subject)).sorted() where records.count < 3 {
            let record = try #require(try store.record("administrative-penalties/\(number)"))
            if !record.publicityEnded(on: day) { records.append(record) }
        }
        try #require(records.count == 3)
        let penalties = records.map { String($0.id.dropFirst("administrative-penalties/".count)) }
        for record in records { #expect(try reader.publicView(record.subject, on: day).entries.contains { $0.record == record.id }) }
        let log = ObjectionLog(client: broker.client)
        try await log.append(records.enumerated().map { index, record in
            ObjectionEvent(id: "s-file-\(index)", objection: "obj-\(index)", kind: .filed, by: record.subject, at: "2026-03-02T09:00:00Z",
                           subject: record.subject, record: record.id, recordSequence: record.lineage.sequence, reason: "not ours")
        }.map { TestSigning.sign($0) })
        let second = try await city.project(into: store)
        #expect(second.read == 3 && second.applied == 3)
        for record in records {
            #expect(!(try reader.publicView(record.subject, on: day).entries.contains { $0.record == record.id }))
        }

        // The provider corrects the first through the pipeline, rejects the second; the third goes overdue.
        let original = try #require(city.events.last { $0.theme == "administrative-penalties" && $0.subject == penalties[0] })
        var correction = original
        correction.id = "correction-\(UUID())"
        correction.sequence = original.sequence + 1
        correction.time = "2026-03-05T09:00:00Z"
        var row = try Row.parse(bytes: original.value)
        row = Row(row.fields.filter { $0.name != "fine_amount" } + [Row.Field(name: "fine_amount", value: .number("1.00"))])
        correction.value = row.serialized()
        try await city.publish([correction])
        try await log.append([
            ObjectionEvent(id: "s-fix", objection: "obj-0", kind: .corrected, by: "justice", at: "2026-03-05T10:00:00Z", correction: correction.id),
            ObjectionEvent(id: "s-rej", objection: "obj-1", kind: .rejected, by: "justice", at: "2026-03-06T10:00:00Z", reason: "stands"),
            ObjectionEvent(id: "s-rej", objection: "obj-1", kind: .rejected, by: "justice", at: "2026-03-06T10:00:00Z", reason: "stands"),
        ].map { TestSigning.sign($0) })
        let third = try await city.project(into: store)
        #expect(third.read == 4 && third.applied == 3 && third.stale == 1)
        let fixed = try #require(try reader.publicView(records[0].subject, on: day).entries.first { $0.record == records[0].id })
        #expect(fixed.eventID == correction.id && fixed.fields["fine_amount"] == .number("1.00") && fixed.objection == .corrected)
        #expect(try reader.publicView(records[1].subject, on: day).entries.contains { $0.record == records[1].id })
        #expect(try reader.objections(overdueOn: CalendarDate(iso: "2026-03-24")!).map(\.id) == ["obj-2"])

        // Duplicates of everything change nothing; a rebuild from the log equals the live library.
        let digest = try store.digest()
        try await city.publish(Array(city.events.prefix(300)))
        let fourth = try await city.project(into: store)
        #expect(fourth.read == 300 && fourth.stale == 300)
        #expect(try store.digest() == digest)
        let fresh = try LibraryFile()
        let rebuilt = try SQLiteCreditStore(path: fresh.path, catalogue: city.catalogue, bulk: true)
        let replay = try await city.project(into: rebuilt, batchSize: 5_000)
        #expect(replay.read == city.events.count + 1 + 300 + 3 + 3)
        #expect(try rebuilt.digest() == digest)
        #expect(try rebuilt.totals().objections == store.totals().objections)
    }
}
