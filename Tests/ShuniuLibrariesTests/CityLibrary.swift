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
        var changes: [SliceChange] = []
        for feed in report.files {
            guard let theme = catalogue.theme(feed.theme), LibraryKind.of(theme) != nil else { continue }
            let data = try Data(contentsOf: directory.appendingPathComponent(feed.path))
            for (offset, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
                let event = try FeedRecord(parsing: line).event(theme: theme, department: feed.department,
                                                               defaultSequence: 1, defaultTime: "2026-01-01T00:00:00Z")
                let record = ChangeEventCodec.encode(event)
                if case .success(let change) = projection.change(key: record.key, headers: record.headers, value: record.value,
                                                                 topic: Topics.source(theme.id), partition: 0, offset: Int64(offset)) {
                    changes.append(change)
                }
            }
        }
        self.changes = changes
        store = try SQLiteLibraryStore(path: file.path)
        _ = try store.apply(ProjectionBatch(changes: changes))
    }
}
