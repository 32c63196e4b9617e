import ShuniuModel

/// A file found outside the hub, read for tracing: CSV (with a header row) or JSON Lines,
/// told apart by the first non-blank byte (`{` is JSON Lines).
///
/// Read streaming, one line at a time, and bounded: at most `limit` rows are kept (the rest
/// are counted as not read and `truncated` is set), and a line or CSV record longer than
/// 1 MiB is counted as unreadable. A CSV cell that holds a JSON object (the `row` column of
/// `shuniu subscribe --format csv`) contributes that object's values and digests. The file
/// must be UTF-8 (a BOM is allowed).
public struct LeakFile: Sendable {
    /// The two formats read.
    public enum Format: String, Sendable, Codable {
        /// Comma-, tab- or semicolon-separated values with a header row.
        case csv
        /// One JSON object per line.
        case jsonl
    }

    /// The default row limit.
    public static let defaultLimit = 100_000

    /// The path read.
    public let path: String
    /// The format found.
    public let format: Format
    /// The CSV header's column names (empty for JSON Lines).
    public let columns: [String]
    /// The rows kept, at most `limit`.
    public let rows: [LeakedRow]
    /// Lines that were not a row: not a JSON object, an unclosed quote, too long.
    public let unreadable: Int
    /// Whether rows were left unread because of the limit.
    public let truncated: Bool
    /// The row limit in force.
    public let limit: Int

    /// Reads the file at `path`; `header: false` reads a CSV file's first line as data.
    /// `progress` is called every 100 000 lines with the lines read.
    public static func read(path: String, limit: Int = defaultLimit, header: Bool = true,
                            progress: (@Sendable (Int) -> Void)? = nil) throws(AuditInputError) -> LeakFile {
        guard limit > 0 else { throw AuditInputError(code: "bad-limit", message: "--limit \(limit): give a row limit of 1 or more") }
        guard let lines = ByteLines(path: path) else {
            throw AuditInputError(code: "bad-file", message: "cannot read \(path): give the path of a CSV or JSON Lines file")
        }
        var reader = Reader(lines: lines, limit: limit, progress: progress)
        guard let first = reader.firstLine() else {
            throw AuditInputError(code: "bad-file", message: "\(path) is empty: there is nothing to trace")
        }
        if first.bytes.first == UInt8(ascii: "{") {
            reader.readJSONLines(first: first)
            return LeakFile(path: path, format: .jsonl, columns: [], rows: reader.rows, unreadable: reader.unreadable,
                            truncated: reader.truncated, limit: limit)
        }
        let delimiter = CSVRecord.delimiter(ofHeader: first.bytes)
        let columns = reader.readCSV(first: first, delimiter: delimiter, header: header)
        return LeakFile(path: path, format: .csv, columns: columns, rows: reader.rows, unreadable: reader.unreadable,
                        truncated: reader.truncated, limit: limit)
    }

    /// The file's rows; for tests and callers that already hold the rows.
    public init(path: String, format: Format, columns: [String] = [], rows: [LeakedRow], unreadable: Int = 0,
                truncated: Bool = false, limit: Int = defaultLimit) {
        self.path = path
        self.format = format
        self.columns = columns
        self.rows = rows
        self.unreadable = unreadable
        self.truncated = truncated
        self.limit = limit
    }
}

/// The line-by-line reading behind `LeakFile.read`.
private struct Reader {
    let lines: ByteLines
    let limit: Int
    let progress: (@Sendable (Int) -> Void)?
    var rows: [LeakedRow] = []
    var unreadable = 0
    var truncated = false

    init(lines: ByteLines, limit: Int, progress: (@Sendable (Int) -> Void)?) {
        self.lines = lines
        self.limit = limit
        self.progress = progress
    }

    /// The next non-blank line and its number.
    mutating func nextLine() -> (bytes: [UInt8], overlong: Bool, number: Int)? {
        while let line = lines.next() {
            if lines.number % 100_000 == 0 { progress?(lines.number) }
            if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) && !line.overlong { continue }
            return (line.bytes, line.overlong, lines.number)
        }
        return nil
    }

    /// The first non-blank line, without a UTF-8 byte order mark.
    mutating func firstLine() -> (bytes: [UInt8], overlong: Bool, number: Int)? {
        guard var line = nextLine() else { return nil }
        if line.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { line.bytes.removeFirst(3) }
        return line
    }

    /// Whether another row may be kept; sets `truncated` when not.
    mutating func room() -> Bool {
        if rows.count < limit { return true }
        truncated = true
        return false
    }

    mutating func readJSONLines(first: (bytes: [UInt8], overlong: Bool, number: Int)) {
        var line: (bytes: [UInt8], overlong: Bool, number: Int)? = first
        while let current = line, room() {
            if !current.overlong, let row = try? Row.parse(bytes: current.bytes) {
                rows.append(LeakedRow(line: current.number, object: row, bytes: current.bytes))
            } else {
                unreadable += 1
            }
            line = nextLine()
        }
    }

    /// Reads CSV records; returns the header's column names.
    mutating func readCSV(first: (bytes: [UInt8], overlong: Bool, number: Int), delimiter: UInt8, header: Bool) -> [String] {
        var columns: [String] = []
        var pending: (bytes: [UInt8], overlong: Bool, number: Int)? = first
        var isHeader = header
        while let start = pending, isHeader || room() {
            var record = start.bytes
            var overlong = start.overlong
            var fields = overlong ? nil : CSVRecord.fields(record, delimiter: delimiter)
            // A quoted field open at the end of the line continues on the next one.
            while fields == nil && !overlong, let more = lines.next() {
                record += [0x0A] + more.bytes
                overlong = more.overlong || record.count > ByteLines.maximumLine
                fields = overlong ? nil : CSVRecord.fields(record, delimiter: delimiter)
            }
            if isHeader {
                columns = fields ?? []
                isHeader = false
            } else if let fields {
                rows.append(Self.row(fields, line: start.number))
            } else {
                unreadable += 1
            }
            pending = nextLine()
        }
        return columns
    }

    /// A CSV record as a leaked row: each cell's text, and for a cell holding a JSON object,
    /// that object's values and digests.
    static func row(_ fields: [String], line: Int) -> LeakedRow {
        var values: [String] = []
        var digests: [String] = []
        for field in fields {
            let text = field.trimmingWhitespace()
            if text.hasPrefix("{"), let object = try? Row.parse(bytes: Array(text.utf8)) {
                let inner = LeakedRow(line: line, object: object, bytes: Array(text.utf8))
                values += inner.values
                digests += inner.digests
            } else {
                values.append(text)
            }
        }
        return LeakedRow(line: line, values: values, digests: digests)
    }
}
