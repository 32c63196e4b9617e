import ShuniuModel

/// Days and instants of the synthetic city.
///
/// A day is a number of days since 1970-01-01; an instant is a number of seconds since
/// 1970-01-01T00:00:00Z. Formatting is done by hand (no Foundation) because every line carries
/// dates and a timestamp.
public enum CityCalendar {
    /// The first day of the change window: facts before it are published by an initial load.
    public static let windowStart = day(2015, 1, 1)
    /// The last day of the change window: nothing is published after it.
    public static let windowEnd = day(2026, 6, 30)
    /// The first day of the initial load (历史数据初始化), which runs for `loadDays` days.
    static let loadStart = day(2015, 1, 5)
    /// How many days the initial load is spread over.
    static let loadDays = 86
    /// Seconds in a day.
    static let secondsPerDay = 86_400

    /// The day number of a calendar date (which must exist).
    static func day(_ year: Int, _ month: Int, _ dayOfMonth: Int) -> Int {
        guard let date = CalendarDate(year: year, month: month, day: dayOfMonth) else {
            preconditionFailure("\(year)-\(month)-\(dayOfMonth) is not a date")
        }
        return date.daysSinceEpoch
    }

    /// Year, month and day of a day number (Howard Hinnant's civil_from_days).
    static func components(_ day: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = day + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth)
    }

    /// The calendar date of a day number.
    static func date(_ day: Int) -> CalendarDate {
        let parts = components(day)
        return CalendarDate(year: parts.year, month: parts.month, day: parts.day)!
    }

    /// The year of a day number.
    static func year(_ day: Int) -> Int { components(day).year }

    /// `YYYY-MM-DD`.
    static func iso(_ day: Int) -> String {
        let parts = components(day)
        var bytes = [UInt8](repeating: 0, count: 10)
        put(parts.year, width: 4, into: &bytes, at: 0)
        bytes[4] = UInt8(ascii: "-")
        put(parts.month, width: 2, into: &bytes, at: 5)
        bytes[7] = UInt8(ascii: "-")
        put(parts.day, width: 2, into: &bytes, at: 8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `YYYYMMDD`, as in identifiers.
    static func compact(_ day: Int) -> String {
        let parts = components(day)
        var bytes = [UInt8](repeating: 0, count: 8)
        put(parts.year, width: 4, into: &bytes, at: 0)
        put(parts.month, width: 2, into: &bytes, at: 4)
        put(parts.day, width: 2, into: &bytes, at: 6)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `YYYY-MM` of a day.
    static func month(_ day: Int) -> String { String(iso(day).prefix(7)) }

    /// RFC 3339 UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    static func stamp(_ instant: Int) -> String {
        let day = instant >= 0 ? instant / secondsPerDay : (instant - secondsPerDay + 1) / secondsPerDay
        let seconds = instant - day * secondsPerDay
        var bytes = Array(iso(day).utf8)
        bytes.append(UInt8(ascii: "T"))
        bytes.append(contentsOf: [0, 0, UInt8(ascii: ":"), 0, 0, UInt8(ascii: ":"), 0, 0, UInt8(ascii: "Z")])
        put(seconds / 3_600, width: 2, into: &bytes, at: 11)
        put(seconds % 3_600 / 60, width: 2, into: &bytes, at: 14)
        put(seconds % 60, width: 2, into: &bytes, at: 17)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The day `years` calendar years after `day` (29 February becomes 28 February).
    static func adding(years: Int, to day: Int) -> Int {
        let parts = components(day)
        let year = parts.year + years
        let dayOfMonth = min(parts.day, CalendarDate.days(inMonth: parts.month, year: year))
        return CityCalendar.day(year, parts.month, dayOfMonth)
    }

    /// Completed years from `birth` to `day` (an age).
    static func age(born birth: Int, on day: Int) -> Int {
        let from = components(birth)
        let to = components(day)
        var years = to.year - from.year
        if (to.month, to.day) < (from.month, from.day) { years -= 1 }
        return years
    }

    /// A uniformly drawn day in a closed range (the lower bound when the range is empty).
    static func draw(_ random: inout CityRandom, from first: Int, to last: Int) -> Int {
        last <= first ? first : random.int(first...last)
    }

    private static func put(_ value: Int, width: Int, into bytes: inout [UInt8], at offset: Int) {
        var value = value
        for position in stride(from: offset + width - 1, through: offset, by: -1) {
            bytes[position] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
    }
}
