/// Splits one CSV record (RFC 4180) into its values: comma-separated, optionally in double
/// quotes, `""` inside quotes standing for one quote. Quoted values may hold commas and line
/// breaks; the caller joins physical lines until ``split(_:)`` stops answering nil.
enum CSVSplitter {
    /// The values of `record`, or nil when it ends inside a quoted value (the record goes on
    /// on the next line).
    static func split(_ record: [UInt8]) -> [String]? {
        var values: [String] = []
        var current: [UInt8] = []
        var index = 0
        var quoted = false
        var wasQuoted = false
        while index < record.count {
            let byte = record[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < record.count, record[index + 1] == UInt8(ascii: "\"") {
                        current.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(byte)
                }
            } else if byte == UInt8(ascii: ",") {
                values.append(text(current, wasQuoted: wasQuoted))
                current.removeAll(keepingCapacity: true)
                wasQuoted = false
            } else if byte == UInt8(ascii: "\""), current.allSatisfy(isBlank) {
                current.removeAll(keepingCapacity: true)
                quoted = true
                wasQuoted = true
            } else {
                current.append(byte)
            }
            index += 1
        }
        guard !quoted else { return nil }
        values.append(text(current, wasQuoted: wasQuoted))
        return values
    }

    /// Unquoted values lose surrounding blanks; quoted ones are kept exactly.
    private static func text(_ bytes: [UInt8], wasQuoted: Bool) -> String {
        guard !wasQuoted else { return String(decoding: bytes, as: UTF8.self) }
        var slice = bytes[...]
        while let first = slice.first, isBlank(first) { slice.removeFirst() }
        while let last = slice.last, isBlank(last) { slice.removeLast() }
        return String(decoding: slice, as: UTF8.self)
    }
}

extension CSVSplitter {
    /// Whether a record is still inside a quoted value, fed a physical line at a time by the
    /// same rules as ``split(_:)``. The reader splits a record once, when it is complete,
    /// instead of re-splitting all of it on every line it adds (which made a long quoted value
    /// of many short lines quadratic).
    struct QuoteState {
        /// Inside a quoted value.
        private var quoted = false
        /// Inside a quoted value and a quote was just read: `""` (one quote) or the close.
        private var quoteSeen = false
        /// The current value holds only blanks so far (a quote opens a value only then).
        private var blank = true

        /// Reads more of the record.
        mutating func feed(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                if quoteSeen {
                    quoteSeen = false
                    if byte == UInt8(ascii: "\"") {
                        blank = false
                        continue
                    }
                    quoted = false
                }
                if quoted {
                    if byte == UInt8(ascii: "\"") { quoteSeen = true } else if !isBlank(byte) { blank = false }
                } else if byte == UInt8(ascii: ",") {
                    blank = true
                } else if byte == UInt8(ascii: "\""), blank {
                    quoted = true
                } else if !isBlank(byte) {
                    blank = false
                }
            }
        }

        /// Whether what was fed ends inside a quoted value (``split(_:)`` would answer nil).
        var isOpen: Bool { quoted && !quoteSeen }
    }
}
