import ArgumentParser
import Foundation
import ShuniuModel

/// `--catalog DIR`: where the catalogue (`departments.yaml`, `themes/`) is.
struct CatalogOptions: ParsableArguments {
    @Option(name: .long, help: "The catalogue directory (departments.yaml and themes/).")
    var catalog: String = "topics"

    var directory: URL { URL(fileURLWithPath: catalog, isDirectory: true) }

    /// Loads the catalogue; on problems prints each as `file:line: message` and fails.
    func load() throws -> Catalogue {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("departments.yaml").path) else {
            throw ValidationError("no catalogue at \(directory.path) (looked for departments.yaml); run from the repository root or pass --catalog DIR")
        }
        do {
            return try CatalogueLoader.load(directory: directory)
        } catch {
            for diagnostic in error.diagnostics { Console.say("\(catalog)/\(diagnostic)") }
            throw ExitCode(1)
        }
    }
}
