import Foundation

/// Loads the catalogue from `topics/`.
public enum CatalogueLoader: Sendable {
    /// The catalogue under `directory`.
    ///
    /// - Throws: ``CatalogueError`` carrying every diagnostic when the catalogue has any problem.
    public static func load(directory: URL) throws(CatalogueError) -> Catalogue {
        let reading = CatalogueReading(directory: directory)
        guard reading.diagnostics.isEmpty, let catalogue = reading.catalogue else {
            throw CatalogueError(diagnostics: reading.diagnostics)
        }
        return catalogue
    }
}
