import Foundation

/// Default `ce_sequence` and `ce_time` for changes whose source gives none.
///
/// Sequences are time-based so that they increase across runs and across tools:
/// `epoch seconds × 1 000 000 000 + n`, where `n` is a line number (`shuniu publish`) or a
/// persisted counter (`shuniu adapter`). A later run therefore always issues larger sequences
/// than an earlier one, as long as runs start at least one second apart and one second never
/// issues a billion sequences. Int64 holds such values until the year 2262.
public enum EventClock {
    /// How many sequences one second may issue.
    public static let sequencesPerSecond: Int64 = 1_000_000_000

    /// The first sequence of the second `date` falls in.
    public static func sequenceBase(at date: Date = Date()) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down)) * sequencesPerSecond
    }

    /// `date` as an RFC 3339 UTC timestamp with milliseconds, e.g. `2026-11-05T08:30:00.250Z`.
    public static func timestamp(_ date: Date = Date()) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }
}
