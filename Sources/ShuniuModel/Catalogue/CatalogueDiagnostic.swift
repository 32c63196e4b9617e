/// One problem found in the catalogue files, pointing at the offending line.
public struct CatalogueDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// The file, relative to the catalogue directory, e.g. `themes/marriage.yaml`.
    public var file: String
    /// The 1-based line of the offending YAML node (1 for problems with a whole file).
    public var line: Int
    /// What is wrong; how to fix it.
    public var message: String

    /// Creates a diagnostic.
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, the form compilers and editors understand.
    public var description: String { "\(file):\(line): \(message)" }
}

/// The catalogue could not be loaded; carries every diagnostic found.
public struct CatalogueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code.
    public var code: String
    /// Every problem found, in file and line order.
    public var diagnostics: [CatalogueDiagnostic]

    /// The code of an invalid catalogue.
    public static let invalidCatalogueCode = "invalid-catalogue"

    /// Creates an error for a catalogue with problems.
    public init(code: String = CatalogueError.invalidCatalogueCode, diagnostics: [CatalogueDiagnostic]) {
        self.code = code
        self.diagnostics = diagnostics
    }

    /// The code, the number of problems and one diagnostic per line.
    public var description: String {
        let count = diagnostics.count
        let header = "\(code): \(count) problem\(count == 1 ? "" : "s") in the catalogue"
        return ([header] + diagnostics.map(\.description)).joined(separator: "\n")
    }
}
