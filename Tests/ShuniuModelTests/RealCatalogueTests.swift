import Foundation
import Testing
import ShuniuModel

/// The repository's own catalogue, `topics/` at the package root.
enum RepositoryCatalogue {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("topics")

    static var exists: Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent("departments.yaml").path) }
}

@Suite("Repository catalogue (topics/)", .enabled(if: RepositoryCatalogue.exists, "no topics/ in this checkout"))
struct RealCatalogueTests {
    @Test func hasNoDiagnostics() {
        let diagnostics = CatalogueChecker.check(directory: RepositoryCatalogue.directory)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
    }

    @Test func loadsAndPlansTopics() throws {
        let catalogue = try CatalogueLoader.load(directory: RepositoryCatalogue.directory)
        #expect(!catalogue.themes.isEmpty)
        let plan = catalogue.topicPlan()
        #expect(plan.count == catalogue.themes.count * 2 + catalogue.departments.count + 6)
        for theme in catalogue.themes {
            #expect(theme.keyField?.required == true)
        }
    }
}
