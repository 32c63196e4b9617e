import Foundation
import ShuniuModel

/// The repository's catalogue, `topics/` at the package root.
enum RepositoryTopics {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("topics")

    static func load() throws -> Catalogue {
        try CatalogueLoader.load(directory: directory)
    }
}
