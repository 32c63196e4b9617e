import Foundation
import Logging
import ShuniuCity
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel
import ShuniuStreams

/// A generated city's library themes as change events on a test broker, and projector runs
/// over them.
struct LibraryCity {
    let broker: TestBroker
    let catalogue = RoutingScenario.catalogue
    let directory: URL
    /// The library themes' change events, in feed order.
    let events: [ChangeEvent]

    init(broker: TestBroker, persons: Int, entities: Int, inconsistencies: Int = 0) async throws {
        self.broker = broker
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-libcity-\(UUID().uuidString.prefix(8))")
        let city = CityGenerator(parameters: CityParameters(persons: persons, entities: entities, seed: 3, inconsistencies: inconsistencies)).build()
        let report = try CityWriter(catalogue: catalogue, directory: directory, workers: 2).write(city)
        events = try report.events(in: directory, catalogue: catalogue) { LibraryKind.of($0) != nil }
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
    }

    /// Publishes `events` to their source topics and waits for every acknowledgement.
    func publish(_ events: [ChangeEvent]) async throws {
        var config = ProducerConfig(client: broker.client)
        config.linger = .milliseconds(20)
        let producer = try KafkaProducer(config: config)
        var start = 0
        while start < events.count {
            let end = min(start + 20_000, events.count)
            let reports = try await producer.send(events[start..<end].map { ProducerRecord(event: $0) })
            if let error = reports.firstError { throw error }
            start = end
        }
        await producer.close()
    }

    /// Runs a projector in-process until the topics' current ends into `store`.
    func project(into store: any LibraryStore, batchSize: Int = 5_000) async throws -> ProjectorCounters {
        var config = ProjectorConfig()
        config.client = broker.client
        config.follow = false
        config.batchSize = batchSize
        var logger = Logger(label: "it.projector")
        logger.logLevel = .warning
        let projector = ProjectorService(config: config, catalogue: catalogue, store: store, logger: logger)
        try await projector.run()
        return projector.counters
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// A library file in a fresh temporary directory, removed with the value.
final class LibraryFile {
    let directory: URL
    var path: String { directory.appendingPathComponent("library.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-it-lib-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
