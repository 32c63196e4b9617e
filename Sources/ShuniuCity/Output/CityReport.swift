/// What ``CityWriter`` wrote.
public struct CityReport: Sendable, Hashable {
    /// One written feed file.
    public struct FeedFile: Sendable, Hashable {
        /// The path relative to the output directory, `<department>/<theme>.jsonl`.
        public var path: String
        /// The providing department.
        public var department: String
        /// The theme.
        public var theme: String
        /// The number of lines.
        public var lines: Int
    }

    /// The feed files, sorted by path.
    public var files: [FeedFile]
    /// Catalogue themes the generator does not fill (no file is written for them).
    public var emptyThemes: [String]
    /// Households listed in `households.jsonl`.
    public var households: Int
    /// The injected issues.
    public var inconsistencies: [Inconsistency]

    /// All lines written.
    public var totalLines: Int { files.reduce(0) { $0 + $1.lines } }

    /// Lines per providing department, sorted by department id.
    public var linesByDepartment: [(department: String, files: Int, lines: Int)] {
        var totals: [String: (files: Int, lines: Int)] = [:]
        for file in files {
            let current = totals[file.department] ?? (0, 0)
            totals[file.department] = (current.files + 1, current.lines + file.lines)
        }
        return totals.keys.sorted().map { ($0, totals[$0]!.files, totals[$0]!.lines) }
    }
}

/// Why a city could not be written.
public enum CityWriterError: Error, CustomStringConvertible, Sendable {
    /// The catalogue lacks districts the generator places people in.
    case unknownDistricts([String])
    /// The output directory exists, is not empty and holds no generated city.
    case directoryInUse(String)
    /// Writing a file failed.
    case writeFailed(String, String)

    /// A message that says what to do.
    public var description: String {
        switch self {
        case .unknownDistricts(let ids):
            "the catalogue has no district(s) \(ids.joined(separator: ", ")); the generator builds Guangzhou and needs its 11 districts in departments.yaml"
        case .directoryInUse(let path):
            "\(path) exists and is not a generated city (no manifest.json); choose an empty or new directory with --out"
        case .writeFailed(let path, let reason):
            "cannot write \(path): \(reason)"
        }
    }
}
