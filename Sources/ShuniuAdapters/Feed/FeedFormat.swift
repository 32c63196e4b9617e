/// The formats of a department export that `shuniu publish` reads.
public enum FeedFormat: String, Sendable, Hashable, CaseIterable {
    /// JSON Lines: one ``ShuniuModel/FeedRecord`` object per line.
    case jsonl
    /// CSV (RFC 4180) with a header row of field names.
    case csv

    /// The format a file name implies: `.csv` is CSV, anything else JSON Lines.
    public init(path: String) {
        self = path.lowercased().hasSuffix(".csv") ? .csv : .jsonl
    }
}
