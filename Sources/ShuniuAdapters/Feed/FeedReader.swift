import ShuniuModel

/// One line of a department export (one CSV record, which may span lines), with what it says.
struct FeedLine {
    /// Its line number in the file (1-based; for a CSV record, its first line).
    let number: Int
    /// The original text.
    let text: [UInt8]
    /// The feed record it stands for, or why it is not one.
    let record: Result<FeedRecord, EventRejection>
}

/// Reads a department export one ``FeedLine`` at a time, skipping blank lines.
protocol FeedReader: AnyObject {
    /// The next line, or nil at the end of the file.
    func next() throws(PublishError) -> FeedLine?
}

/// Opens the reader for a file's format.
func makeFeedReader(path: String, format: FeedFormat, theme: Theme) throws(PublishError) -> any FeedReader {
    switch format {
    case .jsonl: try JSONLinesReader(path: path)
    case .csv: try CSVReader(path: path, theme: theme)
    }
}

/// JSON Lines: each line is a ``FeedRecord``.
final class JSONLinesReader: FeedReader {
    private let lines: LineReader
    private var lineNumber = 0

    init(path: String) throws(PublishError) {
        lines = try LineReader(path: path)
    }

    func next() throws(PublishError) -> FeedLine? {
        while let line = try lines.next() {
            lineNumber += 1
            if line.allSatisfy(isBlank) { continue }
            let record = Result { () throws(EventRejection) in try FeedRecord(parsing: line) }
            return FeedLine(number: lineNumber, text: line, record: record)
        }
        return nil
    }
}

/// Whether a byte is JSON or CSV whitespace.
func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
}
