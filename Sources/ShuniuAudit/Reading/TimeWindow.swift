import ShuniuModel

/// The `--since` / `--until` bounds of an audit report, judged on the records' own `time`
/// field (the event's `ce_time`, or the time of an access), never on broker timestamps.
///
/// A bound is a date (`2025-03-01`) or an RFC 3339 UTC time (`2025-03-01T08:00:00Z`).
/// `since` is inclusive; `until` is inclusive too, and a date `until` covers that whole day.
/// Times are compared as text, so the records' times must be UTC (`Z`), as the hub writes them.
public struct TimeWindow: Sendable, Hashable, Codable {
    /// The first time reported, if bounded.
    public let since: String?
    /// The last time (or day) reported, if bounded.
    public let until: String?

    /// No bounds: everything is reported.
    public static let all = TimeWindow(checkedSince: nil, until: nil)

    private init(checkedSince since: String?, until: String?) {
        self.since = since
        self.until = until
    }

    /// Checks both bounds.
    public init(since: String?, until: String?) throws(AuditInputError) {
        for (name, bound) in [("--since", since), ("--until", until)] {
            guard let bound else { continue }
            guard Self.isBound(bound) else {
                throw AuditInputError(code: "bad-time", message: "\(name) \(bound): give a date like 2025-03-01 or a UTC time like 2025-03-01T08:00:00Z")
            }
        }
        if let since, let until, since.prefix(until.count) > until {
            throw AuditInputError(code: "bad-time", message: "--since \(since) is after --until \(until); swap them")
        }
        self.init(checkedSince: since, until: until)
    }

    /// Whether `time` lies within the bounds (an unknown time is always reported).
    public func contains(_ time: String?) -> Bool {
        guard let time, !time.isEmpty else { return true }
        if let since, time < since { return false }
        if let until, time.prefix(until.count) > until { return false }
        return true
    }

    /// Whether the window has any bound.
    public var isBounded: Bool { since != nil || until != nil }

    private static func isBound(_ text: String) -> Bool {
        guard CalendarDate(iso: text.prefix(10)) != nil else { return false }
        if text.count == 10 { return true }
        return EventTime.seconds(text) != nil && text.hasSuffix("Z")
    }
}

/// Event times: RFC 3339 text (`2025-03-01T08:00:00.250+08:00`) to seconds since the epoch and back (UTC).
public enum EventTime {
    /// Seconds since 1970-01-01T00:00:00Z, or nil when `text` is not an RFC 3339 time.
    public static func seconds(_ text: String) -> Int64? {
        let chars = Array(text.utf8)
        guard chars.count >= 20, chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: "t"),
              chars[13] == UInt8(ascii: ":"), chars[16] == UInt8(ascii: ":"),
              let date = CalendarDate(iso: text.prefix(10)),
              let hour = number(chars[11..<13]), let minute = number(chars[14..<16]), let second = number(chars[17..<19]),
              hour < 24, minute < 60, second <= 60 else { return nil }
        var index = 19
        if chars[index] == UInt8(ascii: ".") {
            index += 1
            while index < chars.count, chars[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        }
        guard index < chars.count else { return nil }
        var offset: Int64 = 0
        switch chars[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index == chars.count - 1 else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard chars.count - index == 6, chars[index + 3] == UInt8(ascii: ":"),
                  let oh = number(chars[(index + 1)..<(index + 3)]), let om = number(chars[(index + 4)..<(index + 6)]) else { return nil }
            offset = (chars[index] == UInt8(ascii: "-") ? -1 : 1) * Int64(oh * 3_600 + om * 60)
        default:
            return nil
        }
        return Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3_600 + minute * 60 + second) - offset
    }

    /// `2025-03-01T08:00:00Z` of `seconds` since the epoch.
    /// RFC 3339 UTC text of seconds since the epoch.
    public static func text(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        // Howard Hinnant's civil_from_days.
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3_600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for digit in digits {
            guard digit &- UInt8(ascii: "0") < 10 else { return nil }
            value = value * 10 + Int(digit &- UInt8(ascii: "0"))
        }
        return value
    }
}
