import Foundation
import Logging
import ServiceLifecycle
import ShuniuAdapters
import ShuniuCity
import ShuniuKafka
import ShuniuModel
import ShuniuOpenData
import ShuniuStreams
import Synchronization
import Testing

/// Open-data snapshots from a generated city published to the `src.<theme>` topics of a
/// private broker: what leaves, byte-identical versions, immutability, the refreshing service.
@Suite(.serialized) struct OpenDataSnapshotTests {
    @Test func snapshotsOfAPublishedCity() async throws {
        let broker = try TestBroker()
        defer { broker.stop() }
        let city = try await OpenDataCity(broker: broker)
        defer { city.remove() }
        let source = try KafkaOpenDataSource(client: broker.client, catalogue: city.catalogue)

        // Two publications of the same offsets into two folders: byte for byte the same.
        let first = try await city.publisher("a").publish(from: source)
        let second = try await city.publisher("b").publish(from: source)
        let published = first.filter { if case .published(1, _, _) = $0.value { true } else { false } }.keys.sorted()
        #expect(published.count >= 15, "published: \(published); outcomes: \(first)")
        #expect(published.contains("residents-by-district-sex-age") && published.contains("enterprise-registry"))
        #expect(first == second)
        let filesA = try city.files("a"), filesB = try city.files("b")
        #expect(!filesA.isEmpty && filesA.keys.sorted() == filesB.keys.sorted())
        for (path, bytes) in filesA { #expect(filesB[path] == bytes, "\(path) differs between two publications of the same offsets") }
        #expect(filesA.keys.count == published.count * 3)

        // Nothing identifying in any file: no citizen ID, no full name of a resident, and only
        // public, non-negative-listed fields in record datasets.
        try city.scan(filesA)

        // Metadata: checksums and sizes of the files, offsets and the latest event time.
        try city.checkMetadata(filesA)

        // Publishing again with nothing new writes nothing.
        let again = try await city.publisher("a").publish(from: source)
        for (dataset, outcome) in again {
            if case .published = outcome { Issue.record("\(dataset) was republished without a change") }
        }
        #expect(try city.files("a") == filesA)

        // The service notices a new event on a source topic and writes v2; v1 stays as it was.
        let passes = Mutex<[[String: DatasetOutcome]]>([])
        var logger = Logger(label: "it.open")
        logger.logLevel = .warning
        let service = OpenDataService(publisher: city.publisher("a"), source: source, interval: .milliseconds(300), logger: logger) { outcomes in
            passes.withLock { $0.append(outcomes) }
        }
        let group = ServiceGroup(configuration: .init(services: [service], logger: logger))
        let running = Task { try await group.run() }
        try await waitUntil("the service's first pass") { passes.withLock { $0.count } >= 1 }
        #expect(passes.withLock { $0[0].values.allSatisfy { if case .published = $0 { false } else { true } } })
        let change = try await city.publishCapitalChange()
        try await waitUntil("enterprise-registry v2") {
            passes.withLock { $0.last?["enterprise-registry"] } == .published(version: 2, rows: city.enterpriseCount, suppressed: 0)
        }
        await group.triggerGracefulShutdown()
        try await running.value

        let after = try city.files("a")
        for (path, bytes) in filesA { #expect(after[path] == bytes, "\(path) was rewritten") }
        let v2 = try city.store("a").version("enterprise-registry", 2).metadata
        let v1 = try city.store("a").version("enterprise-registry", 1).metadata
        #expect(v2.previousVersion == "v1" && v2.issued == v1.modified && v2.modified == change.time)
        let offsetsBefore: Int64 = v1.sourceOffsets.reduce(0) { $0 + $1.endOffset }
        let offsetsAfter: Int64 = v2.sourceOffsets.reduce(0) { $0 + $1.endOffset }
        #expect(offsetsAfter == offsetsBefore + 1)
        let csv = String(decoding: after["enterprise-registry/v2/data.csv"] ?? [], as: UTF8.self)
        #expect(csv.contains("\(change.subject),") && csv.contains(",\(change.capital),"))
        #expect(after.keys.filter { $0.hasPrefix("enterprise-registry/") }.count == 6)
    }

    private func waitUntil(_ what: String, timeout: Duration = .seconds(180), _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else { throw BrokerUnavailable(message: "timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
