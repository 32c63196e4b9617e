import Foundation
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel
import ShuniuStreams
import Testing

@Suite("Projector on a real broker", .serialized)
struct ProjectorTests {
    @Test func projectsACityExactlyAndIgnoresDuplicatesForgeriesAndOlderVersions() async throws {
        let broker = try TestBroker()
        let city = try await LibraryCity(broker: broker, persons: 1_200, entities: 120)
        defer { city.remove() }
        try await city.publish(city.events)
        let live = try LibraryFile()
        let store = try SQLiteLibraryStore(path: live.path)
        let first = try await city.project(into: store)
        #expect(first.read == city.events.count)
        #expect(first.applied == city.events.count)
        #expect(first.stale == 0 && first.rejected == 0)

        // The same library as projecting the events without a broker, in any order.
        let direct = try LibraryFile()
        let reference = try SQLiteLibraryStore(path: direct.path)
        let projection = Projection(catalogue: city.catalogue)
        let changes = city.events.reversed().compactMap { event -> SliceChange? in
            let record = ChangeEventCodec.encode(event)
            return try? projection.change(key: record.key, headers: record.headers, value: record.value,
                                          topic: Topics.source(event.theme), partition: 0, offset: 0).get()
        }
        _ = try reference.apply(ProjectionBatch(changes: changes))
        for kind in LibraryKind.allCases { #expect(try store.digest(kind) == reference.digest(kind)) }
        let digests = try LibraryKind.allCases.map { try store.digest($0) }

        // Duplicates, a forged record and an older version change nothing; a delete removes one theme.
        let marriage = try #require(city.events.last { $0.theme == "marriage" })
        var older = marriage
        older.id = "older-\(UUID())"
        older.sequence = marriage.sequence - 1
        let household = try #require(city.events.first { $0.theme == "household-registration" })
        var forged = household
        forged.source = "tax"
        forged.id = "forged-\(UUID())"
        forged.sequence = 99
        try await city.publish(Array(city.events.prefix(500)) + [older, forged])
        let second = try await city.project(into: store)
        #expect(second.read == 502)
        #expect(second.stale == 501)
        #expect(second.rejected == 1)
        #expect(try LibraryKind.allCases.map { try store.digest($0) } == digests)

        let delete = ChangeEvent.delete(id: "delete-\(UUID())", source: marriage.source, theme: "marriage", subject: marriage.subject,
                                        time: "2026-06-30T01:00:00Z", sequence: marriage.sequence + 1)
        try await city.publish([delete])
        _ = try await city.project(into: store)
        #expect(try store.record(.person, subject: marriage.subject)?.slice("marriage") == nil)
        #expect(try store.record(.person, subject: marriage.subject)?.slice("household-registration") != nil)

        // A rebuild from the beginning into a fresh file equals the live library.
        let rebuilt = try LibraryFile()
        let fresh = try SQLiteLibraryStore(path: rebuilt.path, bulk: true)
        let replay = try await city.project(into: fresh, batchSize: 50_000)
        #expect(replay.read == city.events.count + 503)
        for kind in LibraryKind.allCases { #expect(try fresh.digest(kind) == store.digest(kind)) }
        broker.stop()
    }

    @Test func resumesFromTheStoredPositionsAfterARestart() async throws {
        let broker = try TestBroker()
        let city = try await LibraryCity(broker: broker, persons: 300, entities: 30)
        defer { city.remove() }
        let half = city.events.count / 2
        try await city.publish(Array(city.events[..<half]))
        let file = try LibraryFile()
        _ = try await city.project(into: try SQLiteLibraryStore(path: file.path))
        try await city.publish(Array(city.events[half...]))
        let reopened = try SQLiteLibraryStore(path: file.path)
        let second = try await city.project(into: reopened)
        #expect(second.read == city.events.count - half)
        let totals = try reopened.totals()
        #expect(totals.read == city.events.count)
        #expect(totals.applied == city.events.count)
        broker.stop()

        // Pointed at a broker whose topics were recreated, the store refuses to go on.
        let reset = try TestBroker()
        let empty = try await LibraryCity(broker: reset, persons: 10, entities: 2)
        defer { empty.remove() }
        await #expect { _ = try await empty.project(into: reopened) } throws: { error in
            (error as? ProjectorError)?.code == "ahead-of-topic"
        }
        reset.stop()
    }
}
