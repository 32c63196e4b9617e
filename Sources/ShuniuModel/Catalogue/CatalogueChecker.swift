import Foundation

/// Checks the catalogue files in a directory against the schema (`topics/`:
/// `departments.yaml` and `themes/<id>.yaml`) and reports every problem with its line.
public enum CatalogueChecker: Sendable {
    /// Every problem in the catalogue under `directory`, sorted by file and line; empty when it is valid.
    public static func check(directory: URL) -> [CatalogueDiagnostic] {
        CatalogueReading(directory: directory).diagnostics
    }
}
