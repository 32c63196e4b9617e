import Foundation
import ShuniuOpenData
import Testing

/// Open data is public: published files are 0644 and version folders 0755, even under a
/// restrictive umask (the hub's private files are 0600).
@Suite struct SnapshotFileModeTests {
    @Test func publishedFilesAreWorldReadable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-opendata-mode-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let previous = umask(0o077)
        defer { umask(previous) }
        let version = try SnapshotStore(root: folder).write("d", version: 1, files: [("data.csv", Array("a\n1\n".utf8)), ("metadata.json", Array("{}".utf8))])
        func mode(_ path: String) throws -> Int? { try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int }
        #expect(try mode(version.path) == 0o755 && mode(version.deletingLastPathComponent().path) == 0o755)
        for name in ["data.csv", "metadata.json"] { #expect(try mode(version.appendingPathComponent(name).path) == 0o644, "\(name)") }
    }
}
