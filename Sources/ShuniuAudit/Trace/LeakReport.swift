/// The result of tracing a file: where its rows came from, per department and grant, and
/// which rows match no delivery.
public struct LeakReport: Sendable, Hashable, Codable {
    /// How a row was matched to its deliveries.
    public enum Match: String, Sendable, Hashable, Codable {
        /// The row is a delivered value byte for byte (the audit record's `sha256`).
        case digest
        /// The row holds a pseudonym only the receiving department was given.
        case pseudonym
        /// The row shares two or more distinctive values with the delivery.
        case values
        /// No delivery matches.
        case none
    }

    /// One department and grant the file's rows came from.
    public struct Source: Sendable, Hashable, Codable {
        /// The receiving department.
        public var department: String
        /// The grant.
        public var grant: String
        /// The grant's legal basis.
        public var basis: String?
        /// The themes of the matched deliveries.
        public var themes: [String]
        /// Rows traced here (a row whose values match deliveries to several departments counts for each).
        public var rows: Int
        /// Of those, rows traced here alone.
        public var onlyHere: Int
        /// Rows matched by digest, by pseudonym, by values.
        public var byDigest: Int, byPseudonym: Int, byValues: Int
        /// First and last time the router delivered a matched row (its audit record's
        /// timestamp, RFC 3339 UTC; nil when unknown).
        public var firstDelivered: String?, lastDelivered: String?
        /// First and last `ce_time` of the matched deliveries.
        public var firstEvent: String, lastEvent: String
        /// A few of the matched deliveries' source records (`topic/partition/offset`).
        public var examples: [String]
    }

    /// One row of the file and what it matched.
    public struct RowTrace: Sendable, Hashable, Codable {
        /// The line it starts on.
        public var line: Int
        /// How it matched.
        public var match: Match
        /// The values it shares with its best deliveries.
        public var sharedValues: Int
        /// `department grant` of each best delivery, distinct.
        public var sources: [String]
        /// The best deliveries' events (`ce_id`), at most 5.
        public var events: [String]
    }

    /// The file traced.
    public var file: String
    /// Its format.
    public var format: LeakFile.Format
    /// Rows read (at most `rowLimit`).
    public var rows: Int
    /// Lines that were not a readable row.
    public var unreadable: Int
    /// Whether rows were left unread because of the row limit.
    public var truncated: Bool
    /// The row limit.
    public var rowLimit: Int
    /// Deliveries (confirmed by the audit) compared with the file.
    public var deliveriesCompared: Int
    /// Rows traced to at least one delivery.
    public var traced: Int
    /// Rows traced to deliveries of more than one department.
    public var ambiguous: Int
    /// Rows that match no delivery.
    public var unmatched: Int
    /// The lines of the unmatched rows, at most 100.
    public var unmatchedLines: [Int]
    /// The sources, most rows first.
    public var sources: [Source]
    /// Every row's trace.
    public var rowTraces: [RowTrace]

    /// Whether any row was traced.
    public var isTraced: Bool { traced > 0 }
    /// The departments the rows came from, most rows first.
    public var departments: [String] {
        var seen = Set<String>()
        return sources.map(\.department).filter { seen.insert($0).inserted }
    }
}
