import Foundation
import ShuniuCity
import ShuniuModel
import ShuniuOpenData
import Testing

/// The gate's person rules over a whole generated city, without a broker: every feed folded into
/// theme states as the Kafka source does, every standard dataset published into a real folder,
/// then every published file scanned for every resident's name and citizen ID.
@Suite struct CityPrivacyTests {
    /// The theme states of a city, served at fixed positions.
    struct CitySource: OpenDataSource {
        let states: [String: ThemeState]

        func positions(of themes: [Theme]) async throws -> [SourcePosition] {
            themes.map { SourcePosition(topic: "src.\($0.id)", partition: 0, endOffset: Int64(states[$0.id]?.count ?? 0)) }
        }

        func snapshot(of theme: Theme, at positions: [SourcePosition]) async throws -> ThemeSnapshot {
            ThemeSnapshot(state: states[theme.id] ?? ThemeState(theme: theme.id), positions: positions.filter { $0.topic == "src.\(theme.id)" })
        }
    }

    @Test func noPublishedFileHoldsAResidentsNameOrCitizenID() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-opendata-city-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let catalogue = Repository.catalogue
        let negativeList = try NegativeList.load(file: Repository.negativeListFile, catalogue: catalogue)
        let cityFolder = folder.appendingPathComponent("city")
        // Many entities, so that sole traders without a shop name are among the debtors and offenders.
        let city = CityGenerator(parameters: CityParameters(persons: 2_000, entities: 1_500, seed: 11)).build()
        let report = try CityWriter(catalogue: catalogue, directory: cityFolder, workers: 2).write(city)

        // Fold every event, and collect every person's name and citizen ID the city's feeds carry.
        let validator = EventValidator(catalogue: catalogue)
        var states: [String: ThemeState] = [:]
        var names: Set<String> = []
        var ids: Set<String> = []
        var operatorsWithoutShop = 0
        for event in try report.events(in: cityFolder, catalogue: catalogue) {
            guard let theme = catalogue.theme(event.theme), let row = try? validator.validate(event) else { continue }
            states[theme.id, default: ThemeState(theme: theme.id)].apply(ValidatedEvent(event: event, row: row))
            for name in theme.personNameFields { if let value = row[name]?.stringValue, value.count >= 2 { names.insert(value) } }
            for spec in theme.fields where spec.type == .citizenID { if let id = row[spec.name]?.stringValue { ids.insert(id) } }
            if theme.id == "sole-trader-registration", row["name"] == nil || row["name"] == .null { operatorsWithoutShop += 1 }
        }
        #expect(names.count > 1_000 && ids.count > 1_500)
        #expect(operatorsWithoutShop > 0, "the city has sole traders registered without a shop name")

        let publisher = OpenDataPublisher(catalogue: catalogue, negativeList: negativeList, policy: DisclosurePolicy(),
                                          store: SnapshotStore(root: folder.appendingPathComponent("out")))
        let outcomes = try await publisher.publish(from: CitySource(states: states))
        for id in ["administrative-penalties", "administrative-licences", "dishonest-debtor-organisations", "enterprise-registry"] {
            guard case .published(_, let rows, _) = outcomes[id] else {
                Issue.record("\(id) was not published: \(String(describing: outcomes[id]))")
                continue
            }
            #expect(rows > 0, "\(id)")
        }

        let root = folder.appendingPathComponent("out")
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".csv") || $0.hasSuffix(".json") }
        #expect(files.count >= 3 * 15)
        let longNames = names.filter { $0.count >= 3 }
        let lengths = Set(longNames.map(\.count)).union([18])
        for path in files {
            let text = String(decoding: try Data(contentsOf: root.appendingPathComponent(path)), as: UTF8.self)
            #expect(!IdentifierScan.containsCitizenID(text), "\(path) holds a citizen ID")
            // Every substring of a length a name or an ID has, looked up in the sets (a
            // `contains` per name and file would take minutes).
            let characters = Array(text)
            var windows = Set<String>()
            for length in lengths where characters.count >= length {
                for start in 0...(characters.count - length) { windows.insert(String(characters[start..<start + length])) }
            }
            for id in ids.intersection(windows) { Issue.record("\(path) holds citizen ID \(id.prefix(6))…") }
            for _ in longNames.intersection(windows) { Issue.record("\(path) holds a resident's name") }
            // A two-character name could be part of a place or shop name; it must not be a whole value.
            let cells = Set(text.split(whereSeparator: { ",\n\"{}:[]".contains($0) }).map(String.init))
            for name in names where cells.contains(name) { Issue.record("\(path) holds a resident's name as a value") }
        }
    }
}
