extension Row {
    /// Parses a flat JSON object.
    ///
    /// Linear in the input: members are checked for duplicates in constant time each, at most
    /// ``maximumMembers`` are read, and a nested object or array is refused where it opens
    /// (rows are flat: the nesting depth is bounded at the one top-level object).
    ///
    /// - Throws: ``RowError`` with code `invalid-json` (also for invalid UTF-8 or trailing bytes),
    ///   `not-an-object`, `nested-value`, `duplicate-key` or `too-many-members`.
    public static func parse(bytes: UnsafeRawBufferPointer) throws(RowError) -> Row {
        var parser = RowParser(bytes: bytes.assumingMemoryBound(to: UInt8.self))
        return try parser.parseRow()
    }

    /// Parses a flat JSON object from any byte collection (arrays and slices without copying).
    public static func parse(bytes: some Collection<UInt8>) throws(RowError) -> Row {
        let result: Result<Row, RowError>? = bytes.withContiguousStorageIfAvailable { buffer in
            var parser = RowParser(bytes: buffer)
            return Result { () throws(RowError) in try parser.parseRow() }
        }
        if let result { return try result.get() }
        return try parse(bytes: Array(bytes))
    }
}

/// A one-pass byte parser for flat JSON objects.
struct RowParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseRow() throws(RowError) -> Row {
        skipWhitespace()
        guard index < bytes.count else { throw invalid("the input is empty; expected a JSON object") }
        guard bytes[index] == UInt8(ascii: "{") else {
            switch bytes[index] {
            case UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                throw RowError(code: .notAnObject, message: "the value is not a JSON object; send the row as {\"field\": value, ...}", offset: index)
            default:
                throw invalid("expected '{' to start a JSON object")
            }
        }
        index += 1
        var row = Row()
        var names = MemberNames()
        row.reserveCapacity(16)
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return try finish(row)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw invalid("expected a member name in double quotes") }
            let nameOffset = index
            let name = try parseString()
            guard row.count < Row.maximumMembers else {
                throw RowError(code: .tooManyMembers,
                               message: "the object has more than \(Row.maximumMembers) members; a theme row has one per field",
                               offset: nameOffset)
            }
            guard names.insert(name, among: row) else {
                throw RowError(code: .duplicateKey, message: "member '\(name)' appears twice; send each field once",
                               offset: nameOffset, field: name)
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw invalid("expected ':' after member name '\(name)'") }
            index += 1
            skipWhitespace()
            let value = try parseValue(of: name)
            row.appendUnchecked(Row.Field(name: name, value: value))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "}"):
                index += 1
                return try finish(row)
            default:
                throw invalid("expected ',' or '}' after the value of '\(name)'")
            }
        }
    }

    private mutating func finish(_ row: Row) throws(RowError) -> Row {
        skipWhitespace()
        guard index == bytes.count else { throw invalid("unexpected bytes after the JSON object") }
        return row
    }

    private mutating func parseValue(of name: String) throws(RowError) -> JSONScalar {
        guard let byte = peek() else { throw invalid("expected a value for '\(name)'", field: name) }
        switch byte {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber(of: name))
        case UInt8(ascii: "t"):
            try expectLiteral("true", of: name)
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false", of: name)
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null", of: name)
            return .null
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            throw RowError(code: .nestedValue,
                           message: "field '\(name)' holds an object or array but theme rows are flat; send a scalar",
                           offset: index, field: name)
        default:
            throw invalid("expected a value for '\(name)'", field: name)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString, of name: String) throws(RowError) {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw invalid("invalid literal in '\(name)'", field: name) }
        let literalBytes = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        for offset in 0..<count where bytes[index + offset] != literalBytes[offset] {
            throw invalid("invalid literal in '\(name)'; expected true, false or null", field: name)
        }
        index += count
    }

    private mutating func parseNumber(of name: String) throws(RowError) -> String {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        if peek() == UInt8(ascii: "0") {
            index += 1
        } else if scanDigits() == 0 {
            throw invalid("invalid number in '\(name)'", field: name)
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard scanDigits() > 0 else { throw invalid("invalid number in '\(name)': digits must follow '.'", field: name) }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard scanDigits() > 0 else { throw invalid("invalid number in '\(name)': digits must follow the exponent", field: name) }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func scanDigits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        return index - start
    }

    /// Parses a string starting at its opening quote.
    private mutating func parseString() throws(RowError) -> String {
        index += 1
        let start = index
        var ascii = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return try makeString(slice, ascii: ascii, offset: start)
            }
            if byte == UInt8(ascii: "\\") {
                return try parseEscapedString(from: start)
            }
            if byte < 0x20 { throw invalid("control character 0x\(String(byte, radix: 16)) in a string; escape it") }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        throw invalid("unterminated string")
    }

    /// The slow path: a string with escapes, decoded into the scratch buffer.
    private mutating func parseEscapedString(from start: Int) throws(RowError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return try scratch.withUnsafeBufferPointer { buffer throws(RowError) in
                    try makeString(buffer, ascii: false, offset: start)
                }
            case UInt8(ascii: "\\"):
                index += 1
                try appendEscape()
            case 0..<0x20:
                throw invalid("control character 0x\(String(byte, radix: 16)) in a string; escape it")
            default:
                scratch.append(byte)
                index += 1
            }
        }
        throw invalid("unterminated string")
    }

    private mutating func appendEscape() throws(RowError) {
        guard index < bytes.count else { throw invalid("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"): try appendUnicodeEscape()
        default: throw invalid("invalid escape '\\\(UnicodeScalar(byte))'")
        }
    }

    private mutating func appendUnicodeEscape() throws(RowError) {
        var code = try hex4()
        if (0xD800...0xDBFF).contains(code) {
            guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw invalid("high surrogate \\u\(String(code, radix: 16, uppercase: true)) without a low surrogate")
            }
            index += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw invalid("high surrogate \\u\(String(code, radix: 16, uppercase: true)) followed by \\u\(String(low, radix: 16, uppercase: true)), not a low surrogate")
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(code) {
            throw invalid("lone low surrogate \\u\(String(code, radix: 16, uppercase: true))")
        }
        guard let scalar = Unicode.Scalar(code), let encoded = UTF8.encode(scalar) else { throw invalid("invalid code point") }
        scratch.append(contentsOf: encoded)
    }

    private mutating func hex4() throws(RowError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw invalid("\\u needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw invalid("\\u needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private func makeString(_ utf8: UnsafeBufferPointer<UInt8>, ascii: Bool, offset: Int) throws(RowError) -> String {
        if ascii { return String(decoding: utf8, as: UTF8.self) }
        guard let text = UTF8Text.string(utf8) else {
            throw RowError(code: .invalidJSON, message: "a string is not valid UTF-8", offset: offset)
        }
        return text
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private func invalid(_ message: String, field: String? = nil) -> RowError {
        RowError(code: .invalidJSON, message: message, offset: index, field: field)
    }
}
