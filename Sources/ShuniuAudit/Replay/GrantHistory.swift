import ShuniuModel

/// `ctl.grants` as a history: every event with its log offset and the time its writer handed
/// it to Kafka, and the grant table after each prefix of the log.
///
/// The router applies a *prefix* of the log to each batch: before routing a batch it reads the
/// log to its current end. So the table a source record was routed under is the table after
/// some prefix `k`, and that prefix is bounded on both sides:
/// - it holds every grant event written before the source record was (the router polled the
///   record after it was written, then read the log to its end);
/// - it holds no grant event written after the router wrote the record's audit records.
/// `prefixes(theme:sourceTime:auditTime:)` gives the candidates between those bounds.
public struct GrantHistory: Sendable {
    /// One `ctl.grants` record.
    public struct Entry: Sendable {
        /// Its offset on `ctl.grants`.
        public var offset: Int64
        /// Its Kafka timestamp (ms since the epoch; -1 when unknown).
        public var timestamp: Int64
        /// The workflow event (nil when the record is not readable: the router skips it too).
        public var event: GrantEvent?

        /// Describes one record.
        public init(offset: Int64, timestamp: Int64, event: GrantEvent?) {
            self.offset = offset
            self.timestamp = timestamp
            self.event = event
        }
    }

    /// The log's records, in offset order.
    public let entries: [Entry]
    /// `tables[k]`: the table after the first `k` records.
    private let tables: [GrantTable]
    /// The theme each record's grant belongs to.
    private let themes: [String?]

    /// Replays the log's records (in offset order) against `catalogue`, checking each
    /// record's signature against `registry` as the router does (nil: the rules alone, for
    /// tests of the replay logic on hand-made logs).
    public init(entries: [Entry], catalogue: Catalogue, registry: IdentityRegistry? = nil) {
        self.entries = entries
        var table = GrantTable()
        var tables = [table]
        var themes: [String?] = []
        for entry in entries {
            if let event = entry.event {
                if let registry {
                    table.apply(event, at: entry.offset, registry: registry, catalogue: catalogue)
                } else {
                    table.apply(event, catalogue: catalogue)
                }
            }
            tables.append(table)
            themes.append(entry.event.flatMap { event in event.application?.theme ?? table.grant(event.grant)?.theme })
        }
        self.tables = tables
        self.themes = themes
    }

    /// The table after the first `prefix` records.
    public func table(after prefix: Int) -> GrantTable { tables[min(max(prefix, 0), entries.count)] }

    /// The whole log's table.
    public var current: GrantTable { tables[entries.count] }

    /// The prefixes a record written at `sourceTime` and audited at `auditTime` (Kafka
    /// timestamps in ms; nil or -1 when unknown) may have been routed under, latest first,
    /// keeping one per distinct state of `theme`'s grants.
    public func prefixes(theme: String, sourceTime: Int64?, auditTime: Int64?) -> [Int] {
        var low = 0
        var high = entries.count
        if let sourceTime, sourceTime >= 0 {
            for (index, entry) in entries.enumerated() where entry.timestamp >= 0 && entry.timestamp < sourceTime { low = index + 1 }
        }
        if let auditTime, auditTime >= 0 {
            high = low
            for (index, entry) in entries.enumerated() where entry.timestamp <= auditTime { high = max(high, index + 1) }
        }
        // Between two changes of the theme's grants every prefix decides alike: keep the
        // latest prefix, and the one just before each change of the theme's grants.
        var result = [high]
        var k = high
        while k > low {
            if themes[k - 1] == theme { result.append(k - 1) }
            k -= 1
        }
        var seen = Set<Int>()
        return result.filter { seen.insert($0).inserted }
    }
}
