import Foundation
import ShuniuModel
import ShuniuOpenData

/// The repository's catalogue and negative list.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalogue: Catalogue = try! CatalogueLoader.load(directory: root.appendingPathComponent("topics"))
    static var negativeListFile: URL { root.appendingPathComponent("topics/negative-list.yaml") }
}
