import ShuniuModel

/// CSV with a header row naming, for each column, a field of the theme or one of the reserved
/// feed members `_op`, `_sequence`, `_time`, `_id`. Values are converted by the field's type
/// (see ``FieldText``); an empty value means the field is absent.
final class CSVReader: FeedReader {
    private enum Column {
        case field(FieldSpec)
        case reserved(String)
    }

    private static let reserved = [FeedRecord.Member.op, FeedRecord.Member.sequence, FeedRecord.Member.time,
                                   FeedRecord.Member.id]
    /// A record longer than this is taken to have an unbalanced quote.
    private static let maxRecordBytes = 1 << 20
    private let lines: LineReader
    private var lineNumber = 0
    private var columns: [Column] = []
    private var names: [String] = []

    init(path: String, theme: Theme) throws(PublishError) {
        lines = try LineReader(path: path)
        guard let header = try nextRecord() else { return }
        guard case .success(let names) = header.values else {
            throw .badHeader(path, "the header row has an unclosed quote")
        }
        var seen = Set<String>()
        for (position, name) in names.enumerated() {
            if !seen.insert(name).inserted {
                throw .badHeader(path, "column \(position + 1) '\(name)' appears twice; name each field once")
            }
            if let field = theme.field(name) {
                columns.append(.field(field))
            } else if Self.reserved.contains(name) {
                columns.append(.reserved(name))
            } else {
                let known = theme.fields.map(\.name) + Self.reserved
                throw .badHeader(path, "column \(position + 1) '\(name)' is not a field of theme '\(theme.id)'; use one of \(known.joined(separator: ", "))")
            }
        }
        self.names = names
    }

    func next() throws(PublishError) -> FeedLine? {
        guard let record = try nextRecord() else { return nil }
        switch record.values {
        case .failure(let rejection):
            return FeedLine(number: record.number, text: record.text, record: .failure(rejection))
        case .success(let values):
            guard values.count == columns.count else {
                let rejection = EventRejection(code: .badCSV,
                                               message: "the record has \(values.count) values but the header has \(columns.count) columns (\(names.joined(separator: ",")))")
                return FeedLine(number: record.number, text: record.text, record: .failure(rejection))
            }
            return FeedLine(number: record.number, text: record.text, record: feedRecord(values))
        }
    }

    private func feedRecord(_ values: [String]) -> Result<FeedRecord, EventRejection> {
        var row = Row()
        for (column, value) in zip(columns, values) where !value.isEmpty {
            switch column {
            case .field(let spec): row[spec.name] = FieldText.scalar(value, type: spec.type)
            case .reserved(let name): row[name] = .string(value)
            }
        }
        let line = row.serialized()
        return Result { () throws(EventRejection) in try FeedRecord(parsing: line) }
    }

    /// The next non-blank record: its first line number, its text and its values.
    private func nextRecord() throws(PublishError) -> (number: Int, text: [UInt8], values: Result<[String], EventRejection>)? {
        var text: [UInt8] = []
        var number = 0
        var quotes = CSVSplitter.QuoteState()
        while let line = try lines.next() {
            lineNumber += 1
            if text.isEmpty {
                if line.allSatisfy(isBlank) { continue }
                number = lineNumber
                text = line
            } else {
                text.append(UInt8(ascii: "\n"))
                text.append(contentsOf: line)
                quotes.feed(CollectionOfOne(UInt8(ascii: "\n")))
            }
            quotes.feed(line)
            if !quotes.isOpen, let values = CSVSplitter.split(text) { return (number, text, .success(values)) }
            if text.count > Self.maxRecordBytes { break }
        }
        guard !text.isEmpty else { return nil }
        let rejection = EventRejection(code: .badCSV,
                                       message: "a quoted value opened on line \(number) is not closed (by line \(lineNumber))")
        return (number, text, .failure(rejection))
    }
}
