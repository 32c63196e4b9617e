/// RFC 3339 timestamps (`2024-05-01T08:30:00.250+08:00`), parsed by hand so the hot path
/// never touches Foundation's date formatters.
public enum RFC3339 {
    /// Milliseconds since 1970-01-01T00:00:00Z, or nil when `text` is not RFC 3339
    /// (a full date, `T`, a full time with optional fraction, and `Z` or a `±HH:MM` offset;
    /// `t` and `z` may be lowercase; a leap second `:60` is accepted). Fractions beyond
    /// milliseconds are truncated.
    public static func epochMilliseconds(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { epochMilliseconds(utf8: $0) }
    }

    /// Whether `text` is an RFC 3339 timestamp.
    static func isValid(_ text: String) -> Bool { epochMilliseconds(text) != nil }

    /// Milliseconds since the epoch of a UTF-8 timestamp.
    static func epochMilliseconds(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count >= 20,
              bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = Digits.value(bytes[0..<4]), let month = Digits.value(bytes[5..<7]),
              let day = Digits.value(bytes[8..<10]), let hour = Digits.value(bytes[11..<13]),
              let minute = Digits.value(bytes[14..<16]), let second = Digits.value(bytes[17..<19]),
              let date = CalendarDate(year: year, month: month, day: day),
              hour < 24, minute < 60, second <= 60 else { return nil }
        var index = 19
        var millis = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                if index - start < 3 { millis = millis * 10 + Int(bytes[index] &- UInt8(ascii: "0")) }
                index += 1
            }
            guard index > start else { return nil }
            for _ in min(index - start, 3)..<3 { millis *= 10 }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard bytes.count - index == 6, bytes[index + 3] == UInt8(ascii: ":"),
                  let offsetHour = Digits.value(bytes[(index + 1)..<(index + 3)]),
                  let offsetMinute = Digits.value(bytes[(index + 4)..<(index + 6)]),
                  offsetHour < 24, offsetMinute < 60 else { return nil }
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            offsetSeconds = sign * (offsetHour * 3_600 + offsetMinute * 60)
            index += 6
        default:
            return nil
        }
        guard index == bytes.count else { return nil }
        let seconds = date.daysSinceEpoch * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds
        return Int64(seconds) * 1_000 + Int64(millis)
    }
}
