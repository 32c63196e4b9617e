import Foundation
import ShuniuCity
import Testing

@Suite("The seed fixes every byte")
struct DeterminismTests {
    /// SHA-256 of `shuniu generate --persons 500 --entities 50 --seed 1` (see `GeneratedCity.digest`);
    /// changed when the grid centres' visit feeds were added (two new files, and the manifest lists them).
    static let golden = "49f940db010915d36e4b40ce3be3ae623ef9c93c7139b0a77dcba61b3b41fd3e"

    @Test func sameSeedGivesIdenticalFiles() throws {
        let first = try GeneratedCity("same", persons: 600, entities: 60, seed: 7, workers: 1)
        let second = try GeneratedCity("same", persons: 600, entities: 60, seed: 7, workers: 2)
        defer { first.remove(); second.remove() }
        #expect(try GeneratedCity.digest(of: first.directory) == GeneratedCity.digest(of: second.directory))
    }

    @Test func differentSeedGivesDifferentFiles() throws {
        let first = try GeneratedCity("different", persons: 600, entities: 60, seed: 7)
        let second = try GeneratedCity("different", persons: 600, entities: 60, seed: 8)
        defer { first.remove(); second.remove() }
        #expect(try GeneratedCity.digest(of: first.directory) != GeneratedCity.digest(of: second.directory))
    }

    @Test func goldenDigest() throws {
        let city = try GeneratedCity("golden", persons: 500, entities: 50, seed: 1)
        defer { city.remove() }
        #expect(try GeneratedCity.digest(of: city.directory) == Self.golden)
    }

    @Test func manifestRecordsParametersAndCounts() throws {
        let city = try SharedCities.clean.get()
        let data = try Data(contentsOf: city.directory.appendingPathComponent("manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(manifest["seed"] as? Int == 1)
        #expect(manifest["persons"] as? Int == 2_000)
        #expect(manifest["entities"] as? Int == 200)
        #expect(manifest["lines"] as? Int == city.report.totalLines)
        let files = try #require(manifest["files"] as? [String: Int])
        #expect(files.count == city.report.files.count)
        for file in city.report.files { #expect(files[file.path] == file.lines) }
        let text = String(decoding: data, as: UTF8.self)
        let keys = ["departments", "empty_themes", "entities", "files", "format", "generator", "households",
                    "inconsistencies", "lines", "parameters", "persons", "seed", "subjects"]
        let positions = keys.compactMap { text.range(of: "\n  \"\($0)\"")?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted(), "top-level keys are not sorted")
    }
}
