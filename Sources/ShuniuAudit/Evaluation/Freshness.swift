import ShuniuModel

/// How a theme's provider kept to the theme's declared update frequency (`update` in the
/// catalogue; the allowed age is `UpdateFrequency.maxAge`: realtime one hour, daily a day,
/// weekly 7 days, monthly 31, quarterly 92, yearly 366).
///
/// Judged on the events' own times: every gap between two consecutive updates longer than the
/// allowed age is a late period, and so is the time from the last update to `asOf` when it
/// is longer. A theme with no update at all is late. A provider with a late theme is flagged.
public struct Freshness: Sendable, Hashable, Codable {
    /// The theme.
    public var theme: String
    /// Its declared frequency.
    public var update: String
    /// The allowed age in seconds.
    public var maxAge: Int
    /// Updates counted.
    public var updates: Int
    /// The first and last update (RFC 3339 UTC), if any.
    public var first: String?
    /// The last update.
    public var last: String?
    /// The longest time without an update, in seconds (up to `asOf`).
    public var longestGap: Int64
    /// Periods longer than the allowed age without an update.
    public var latePeriods: Int
    /// Whether the provider was late at all.
    public var late: Bool

    /// Judges `times` (s since the epoch, any order) against `frequency`, up to `asOf`.
    public init(theme: String, frequency: UpdateFrequency, times: [Int64], asOf: Int64?) {
        self.theme = theme
        update = frequency.rawValue
        maxAge = frequency.maxAge
        let sorted = times.sorted()
        updates = sorted.count
        first = sorted.first.map(Self.text)
        last = sorted.last.map(Self.text)
        var longest: Int64 = 0
        var periods = 0
        for (earlier, later) in zip(sorted, sorted.dropFirst()) {
            let gap = later - earlier
            longest = max(longest, gap)
            if gap > Int64(maxAge) { periods += 1 }
        }
        if let lastTime = sorted.last, let asOf, asOf > lastTime {
            longest = max(longest, asOf - lastTime)
            if asOf - lastTime > Int64(maxAge) { periods += 1 }
        }
        longestGap = longest
        latePeriods = periods
        late = sorted.isEmpty || periods > 0
    }

    /// `2025-03-01T08:00:00Z`.
    static func text(_ seconds: Int64) -> String {
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
}
