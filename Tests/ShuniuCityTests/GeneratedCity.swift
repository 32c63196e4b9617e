import Foundation
import ShuniuCity
import ShuniuModel

/// A city generated into a temporary directory and read back, for the tests.
struct GeneratedCity: Sendable {
    let parameters: CityParameters
    let directory: URL
    let catalogue: Catalogue
    let report: CityReport
    let feeds: CityFeeds

    /// Generates and reads back a city, in a temporary directory named after `label` and the
    /// parameters (a later run replaces it).
    init(_ label: String, persons: Int, entities: Int, seed: UInt64, inconsistencies: Int = 0, workers: Int = 2) throws {
        parameters = CityParameters(persons: persons, entities: entities, seed: seed, inconsistencies: inconsistencies)
        catalogue = try RepositoryTopics.load()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-city-tests")
            .appendingPathComponent("\(label)-\(persons)-\(entities)-\(seed)-\(inconsistencies)-\(workers)")
        let city = CityGenerator(parameters: parameters).build()
        report = try CityWriter(catalogue: catalogue, directory: directory, workers: workers).write(city)
        feeds = try CityFeeds(directory: directory, catalogue: catalogue)
    }

    /// SHA-256 (hex) over every file under the directory in sorted order of relative path:
    /// for each file, its relative path, a newline, its bytes, a newline.
    static func digest(of directory: URL) throws -> String {
        let manager = FileManager.default
        let paths = (manager.enumerator(atPath: directory.path)?.allObjects as? [String] ?? [])
            .filter { path in
                var isDirectory: ObjCBool = false
                let exists = manager.fileExists(atPath: directory.appendingPathComponent(path).path, isDirectory: &isDirectory)
                return exists && !isDirectory.boolValue
            }
            .sorted()
        var bytes: [UInt8] = []
        for path in paths {
            bytes.append(contentsOf: path.utf8)
            bytes.append(0x0A)
            bytes.append(contentsOf: try Data(contentsOf: directory.appendingPathComponent(path)))
            bytes.append(0x0A)
        }
        return SHA256Digest.hex(SHA256Digest.hash(bytes))
    }

    /// Removes the directory.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The lines of a generated city, by theme, in file order.
struct CityFeeds: Sendable {
    let records: [String: [FeedRecord]]
    let households: [[String: String]]
    let householdMembers: [String: [String]]

    init(directory: URL, catalogue: Catalogue) throws {
        var records: [String: [FeedRecord]] = [:]
        for theme in catalogue.themes {
            let url = directory.appendingPathComponent("\(theme.provider)/\(theme.id).jsonl")
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            records[theme.id] = try data.split(separator: UInt8(ascii: "\n")).map { line throws in
                try FeedRecord(parsing: line)
            }
        }
        self.records = records
        var households: [[String: String]] = []
        var members: [String: [String]] = [:]
        let text = try String(contentsOf: directory.appendingPathComponent("households.jsonl"), encoding: .utf8)
        for line in text.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            let id = object["household_id"] as? String ?? ""
            households.append(["household_id": id, "district": object["district"] as? String ?? "",
                               "head": object["head_citizen_id"] as? String ?? ""])
            members[id] = object["members"] as? [String] ?? []
        }
        self.households = households
        householdMembers = members
    }

    /// The lines of a theme.
    func lines(_ theme: String) -> [FeedRecord] { records[theme] ?? [] }

    /// Every subject of a theme (its key field's values).
    func subjects(_ theme: String, key: String) -> Set<String> {
        Set(lines(theme).compactMap { $0.row[key]?.stringValue })
    }

    /// The last row of each subject of a theme.
    func latest(_ theme: String, key: String) -> [String: Row] {
        var rows: [String: Row] = [:]
        for record in lines(theme) {
            if let subject = record.row[key]?.stringValue { rows[subject] = record.row }
        }
        return rows
    }

    /// Every string value of a field across a theme's lines.
    func values(_ theme: String, field: String) -> [String] {
        lines(theme).compactMap { $0.row[field]?.stringValue }
    }
}

extension Row {
    /// A string member's value.
    func text(_ name: String) -> String? { self[name]?.stringValue }
}
