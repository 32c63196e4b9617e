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
        first = sorted.first.map(EventTime.text)
        last = sorted.last.map(EventTime.text)
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
}
