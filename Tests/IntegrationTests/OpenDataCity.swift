import Foundation
import ShuniuAdapters
import ShuniuCity
import ShuniuKafka
import ShuniuModel
import ShuniuOpenData
import ShuniuStreams
import Testing

/// A small generated city published to every `src.<theme>` topic of a broker, with folders for
/// open-data snapshots and the checks a snapshot must pass.
struct OpenDataCity {
    let folder: URL
    let catalogue: Catalogue
    let negativeList: NegativeList
    let residentNames: Set<String>
    let enterpriseCount: Int
    let broker: TestBroker
    private let enterprises: [FeedRecord]

    /// Generates 1 500 persons and 300 entities (seed 11), creates the catalogue's topics and
    /// publishes every feed through the adapter's publisher.
    init(broker: TestBroker) async throws {
        self.broker = broker
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-opendata-\(UUID().uuidString)")
        catalogue = try CatalogueLoader.load(directory: TestBroker.root.appendingPathComponent("topics"))
        negativeList = try NegativeList.load(file: TestBroker.root.appendingPathComponent("topics/negative-list.yaml"), catalogue: catalogue)
        let cityFolder = folder.appendingPathComponent("city")
        let report = try CityWriter(catalogue: catalogue, directory: cityFolder, workers: 2)
            .write(CityGenerator(parameters: CityParameters(persons: 1_500, entities: 300, seed: 11)).build())
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        let producer = try KafkaProducer(config: ProducerConfig(client: broker.client))
        for file in report.files {
            let options = PublishOptions(department: file.department, theme: file.theme, file: cityFolder.appendingPathComponent(file.path).path)
            let summary = try await FeedPublisher(catalogue: catalogue, options: options).publish(with: producer)
            #expect(summary.isComplete, "\(file.path): \(summary.rejected)")
        }
        await producer.close()
        residentNames = Set(try Self.records(cityFolder, "public-security/household-registration.jsonl").compactMap { $0.row["name"]?.stringValue }
            .filter { $0.count >= 3 })
        enterprises = try Self.records(cityFolder, "market-regulation/enterprise-registration.jsonl")
        enterpriseCount = Set(enterprises.compactMap { $0.row["credit_code"]?.stringValue }).count
    }

    private static func records(_ folder: URL, _ path: String) throws -> [FeedRecord] {
        let data = try Data(contentsOf: folder.appendingPathComponent(path))
        return try data.split(separator: UInt8(ascii: "\n")).map { line throws in try FeedRecord(parsing: line) }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func store(_ name: String) -> SnapshotStore { SnapshotStore(root: folder.appendingPathComponent("out-\(name)")) }

    func publisher(_ name: String) -> OpenDataPublisher {
        OpenDataPublisher(catalogue: catalogue, negativeList: negativeList, policy: DisclosurePolicy(), store: store(name))
    }

    /// Every file under an output folder: relative path → bytes.
    func files(_ name: String) throws -> [String: [UInt8]] {
        let root = store(name).root
        var result: [String: [UInt8]] = [:]
        for dataset in store(name).datasets() {
            for number in store(name).versionNumbers(dataset) {
                for file in ["data.csv", "data.json", "metadata.json"] {
                    let path = "\(dataset)/v\(number)/\(file)"
                    result[path] = Array(try Data(contentsOf: root.appendingPathComponent(path)))
                }
            }
        }
        #expect(try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".csv") || $0.hasSuffix(".json") }.count == result.count,
                "no stray files (staging directories) are left")
        return result
    }

    /// No citizen ID and no resident's full name in any file; record datasets carry only public,
    /// non-negative-listed fields of their theme.
    func scan(_ files: [String: [UInt8]]) throws {
        #expect(residentNames.count > 500)
        for (path, bytes) in files {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!IdentifierScan.containsCitizenID(text), "\(path) holds a citizen ID")
            let characters = Array(text)
            var windows = Set<String>()
            for length in Set(residentNames.map(\.count)) where characters.count >= length {
                for start in 0...(characters.count - length) { windows.insert(String(characters[start..<start + length])) }
            }
            for name in residentNames.intersection(windows).sorted() {
                Issue.record("\(path) holds the name of resident \(name)")
            }
            guard path.hasSuffix("data.csv") else { continue }
            let datasetID = String(path.split(separator: "/")[0])
            let dataset = try #require(OpenDataset.standard.first { $0.id == datasetID })
            let theme = try #require(catalogue.theme(dataset.theme))
            let header = text.split(separator: "\n", maxSplits: 1)[0].split(separator: ",").map(String.init)
            switch dataset.content {
            case .records:
                for field in header {
                    let spec = try #require(theme.field(field), "\(path): column \(field) is no field of \(theme.id)")
                    #expect(spec.sensitivity == .public && spec.type != .citizenID, "\(path): \(field) is \(spec.sensitivity)")
                    #expect(negativeList.reason(field: field, theme: theme.id) == nil, "\(path): \(field) is on the negative list")
                }
                let json = try #require(try JSONSerialization.jsonObject(with: Data(files[path.replacingOccurrences(of: "data.csv", with: "data.json")]!)) as? [[String: Any]])
                for object in json { #expect(Set(object.keys) == Set(header), "\(path): JSON keys differ from the CSV header") }
            case .counts:
                let table = try JSONDecoder().decode(PublishedTable.self, from: Data(files[path.replacingOccurrences(of: "data.csv", with: "data.json")]!))
                for row in table.rows {
                    for cell in row.cells { #expect(cell.map { $0 == 0 || $0 >= 3 } ?? true, "\(path): a small cell is published") }
                    #expect(row.total == 0 || row.total >= 3)
                }
                #expect(LinearRecoveryCheck.hiddenCellsAreProtected(table), "\(path): a hidden cell follows from the totals")
            }
        }
    }

    /// Each metadata file names the sizes and checksums of its files and the event time reflected.
    func checkMetadata(_ files: [String: [UInt8]]) throws {
        for (path, bytes) in files where path.hasSuffix("metadata.json") {
            let metadata = try JSONDecoder().decode(SnapshotMetadata.self, from: Data(bytes))
            let folder = path.replacingOccurrences(of: "metadata.json", with: "")
            #expect(metadata.distribution.map(\.title) == ["data.csv", "data.json"])
            for distribution in metadata.distribution {
                let file = try #require(files[folder + distribution.title])
                #expect(distribution.byteSize == file.count)
                #expect(distribution.checksum == "sha256:" + SHA256Digest.hex(SHA256Digest.hash(file)))
            }
            #expect(metadata.modified.hasPrefix("20") && metadata.issued == metadata.modified, "v1 is issued when modified")
            #expect(!metadata.sourceOffsets.isEmpty && metadata.sourceOffsets.allSatisfy { $0.topic == "src.\(metadata.sourceTheme)" })
            #expect(metadata.license == SnapshotMetadata.license && metadata.publisher.id == "data-administration")
        }
    }

    /// Publishes a new registered capital for an operating enterprise (its next sequence, a
    /// later time) to `src.enterprise-registration`.
    func publishCapitalChange() async throws -> (subject: String, capital: String, time: String) {
        var latest: [String: FeedRecord] = [:]
        for record in enterprises { if let code = record.row["credit_code"]?.stringValue { latest[code] = record } }
        let (subject, record) = try #require(latest.sorted { $0.key < $1.key }.first { $0.value.row["status"]?.stringValue == "operating" })
        var row = record.row
        row["registered_capital"] = .number("12345.67")
        let time = "2026-06-30T09:00:00Z"
        let event = ChangeEvent.upsert(id: "it-open/\(subject)", source: "market-regulation", theme: "enterprise-registration",
                                       subject: subject, time: time, sequence: (record.sequence ?? 1) + 1, row: row)
        let producer = try KafkaProducer(config: ProducerConfig(client: broker.client))
        _ = try await producer.send(ProducerRecord(event: event))
        await producer.close()
        return (subject, "12345.67", time)
    }
}

/// The independent solver's verdict on a released table, for the integration test.
enum LinearRecoveryCheck {
    static func hiddenCellsAreProtected(_ table: PublishedTable) -> Bool {
        var hidden: [TableCell] = []
        for (row, entry) in table.rows.enumerated() {
            for (column, value) in entry.cells.enumerated() where value == nil { hidden.append(TableCell(row: row, column: column)) }
        }
        guard !hidden.isEmpty else { return true }
        let equations = table.rows.indices.map { row in hidden.map { $0.row == row ? 1.0 : 0 } }
            + table.columns.indices.map { column in hidden.map { $0.column == column ? 1.0 : 0 } }
        let base = rank(equations)
        return hidden.indices.allSatisfy { index in
            var unit = Array(repeating: 0.0, count: hidden.count)
            unit[index] = 1
            return rank(equations + [unit]) > base
        }
    }

    private static func rank(_ matrix: [[Double]]) -> Int {
        var rows = matrix
        guard let width = rows.first?.count else { return 0 }
        var rank = 0
        for column in 0..<width {
            guard let pivot = (rank..<rows.count).first(where: { abs(rows[$0][column]) > 1e-9 }) else { continue }
            rows.swapAt(rank, pivot)
            for other in rows.indices where other != rank && abs(rows[other][column]) > 1e-9 {
                let factor = rows[other][column] / rows[rank][column]
                for index in 0..<width { rows[other][index] -= factor * rows[rank][index] }
            }
            rank += 1
        }
        return rank
    }
}
