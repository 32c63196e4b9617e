import Foundation
import ShuniuCity
import Testing

/// The generated city's feeds, household list and manifest hold (synthetic) personal data:
/// every file is mode 0600, whatever the umask.
@Suite struct FileModeTests {
    @Test func everyFileOfAGeneratedCityIsOwnerOnly() throws {
        let previous = umask(0o022)
        defer { umask(previous) }
        let city = try GeneratedCity("modes", persons: 60, entities: 20, seed: 3)
        let files = (FileManager.default.enumerator(atPath: city.directory.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".jsonl") || $0.hasSuffix(".json") }
        #expect(files.count == city.report.files.count + 2, "the feeds, the household list and the manifest")
        for file in files {
            let mode = try FileManager.default.attributesOfItem(atPath: city.directory.appendingPathComponent(file).path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
    }
}
