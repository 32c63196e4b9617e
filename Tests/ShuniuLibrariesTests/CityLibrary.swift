import Foundation
import ShuniuCity
import ShuniuLibraries
import ShuniuModel

/// A generated city projected into a library file without a broker: every feed line of the
/// library themes encoded as the Kafka record a department would publish, then projected.
struct CityLibrary {
    let catalogue: Catalogue
    let directory: URL
    let report: CityReport
    let file: StoreFile
    let store: SQLiteLibraryStore
    /// The records fed in, in feed order.
    let changes: [SliceChange]

    init(persons: Int, entities: Int, inconsistencies: Int = 0, seed: UInt64 = 1) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
        catalogue = try CatalogueLoader.load(directory: root.appendingPathComponent("topics"))
        file = try StoreFile()
        directory = file.directory.appendingPathComponent("city")
        let city = CityGenerator(parameters: CityParameters(persons: persons, entities: entities, seed: seed, inconsistencies: inconsistencies)).build()
        report = try CityWriter(catalogue: catalogue, directory: directory, workers: 2).write(city)
        let projection = Projection(catalogue: catalogue)
        // Each event at its own offset (partition 0): the lineage the store keeps.
        let events = try report.events(in: directory, catalogue: catalogue) { LibraryKind.of($0) != nil }
        changes = events.enumerated().compactMap { offset, event in
            let record = ChangeEventCodec.encode(event)
            return try? projection.change(key: record.key, headers: record.headers, value: record.value,
                                          topic: Topics.source(event.theme), partition: 0, offset: Int64(offset)).get()
        }
        store = try SQLiteLibraryStore(path: file.path)
        _ = try store.apply(ProjectionBatch(changes: changes))
    }
}
