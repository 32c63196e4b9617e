/// A problem with an adapter's configuration: the file, the key at fault (a dotted path such as
/// `source.mode`), what is wrong and how to fix it.
public struct AdapterConfigError: Error, Sendable, CustomStringConvertible {
    /// The configuration file.
    public var file: String
    /// The key at fault, as a dotted path; empty for the file as a whole.
    public var key: String
    /// What is wrong.
    public var problem: String
    /// How to fix it.
    public var fix: String

    /// Creates an error.
    public init(file: String, key: String, problem: String, fix: String) {
        self.file = file
        self.key = key
        self.problem = problem
        self.fix = fix
    }

    /// `file: key: problem; fix`.
    public var description: String {
        "\(file): \(key.isEmpty ? "" : "\(key): ")\(problem); \(fix)"
    }
}
