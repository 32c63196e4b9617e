#if canImport(Glibc)
import Glibc
#endif
import ShuniuModel

/// The wall clock in the forms the API records: RFC 3339 UTC with milliseconds for audit
/// records and workflow events, and today's date for grant validity. A plain `gmtime_r`
/// (no formatter object) because every read records a time.
enum UTCClock {
    /// Now, as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = Int(spec.tv_nsec / 1_000_000)
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(fraction)Z"
    }

    /// Today (UTC).
    static func today() -> CalendarDate? { CalendarDate(iso: now().prefix(10)) }

    /// Today (UTC) for grant validity and publicity; the clock's text always parses, the
    /// fallback only keeps the type total.
    static func day() -> CalendarDate { today() ?? CalendarDate(year: 2026, month: 1, day: 1) ?? .latest }
}
