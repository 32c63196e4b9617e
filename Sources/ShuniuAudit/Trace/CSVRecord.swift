/// RFC 4180 fields of one CSV record: `delimiter`-separated, `"`-quoted fields may hold
/// delimiters, doubled quotes and line breaks.
enum CSVRecord {
    /// The fields of `bytes`, or nil when a quoted field is still open at the end (the record
    /// continues on the next line).
    static func fields(_ bytes: [UInt8], delimiter: UInt8) -> [String]? {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < bytes.count && bytes[index + 1] == 0x22 {
                        field.append(0x22)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == 0x22 && field.isEmpty {
                quoted = true
            } else if byte == delimiter {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else {
                field.append(byte)
            }
            index += 1
        }
        guard !quoted else { return nil }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }

    /// The delimiter of a header line: the most frequent of `,`, tab and `;` outside quotes
    /// (`,` when none occurs).
    static func delimiter(ofHeader bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x09: 0, 0x3B: 0]
        var quoted = false
        for byte in bytes {
            if byte == 0x22 { quoted.toggle() } else if !quoted, counts[byte] != nil { counts[byte, default: 0] += 1 }
        }
        let best = counts.max { ($0.value, $0.key == 0x2C ? 1 : 0) < ($1.value, $1.key == 0x2C ? 1 : 0) }
        return (best?.value ?? 0) > 0 ? best?.key ?? 0x2C : 0x2C
    }
}
