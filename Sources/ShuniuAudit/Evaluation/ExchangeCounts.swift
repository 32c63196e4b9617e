import ShuniuModel

/// The counts a department evaluation is built from, folded record by record from the topics
/// (`src.*`, `audit.exchange`, `audit.access`). Pure: no Kafka, so it can be filled by hand.
///
/// With a `year`, only records whose own time (`ce_time`, or the time of a read) falls in that
/// year are counted. Deliveries and rejections are counted once per source record, subscriber
/// and grant, however often an at-least-once router recorded them.
public struct ExchangeCounts: Sendable, Hashable, Codable {
    /// The year counted, if any.
    public var year: Int?
    /// Records on source topics, by `ce_source` (the sender, authoritative or not).
    public var published: [String: Int] = [:]
    /// Event times (s since the epoch) of the records each theme's authoritative provider published.
    public var updates: [String: [Int64]] = [:]
    /// Rejections by sender (`provider` of the audit record; `?` when unreadable), then reason.
    public var rejected: [String: [String: Int]] = [:]
    /// Records delivered, by subscriber.
    public var received: [String: Int] = [:]
    /// API reads and checks that returned data, by department.
    public var reads: [String: Int] = [:]
    /// Totals per day (`YYYY-MM-DD` of the records' own times).
    public var days: [String: DayTotals] = [:]
    /// The latest time of an event by a theme's authoritative provider (s since the epoch).
    public var latest: Int64?
    private var seen: Set<String> = []

    /// Empty counts, for one year or all.
    public init(year: Int? = nil) { self.year = year }

    private func counts(_ time: String) -> Bool {
        guard let year else { return true }
        return time.hasPrefix(String(year)) && time.count > 4 && time[time.index(time.startIndex, offsetBy: 4)] == "-"
    }

    /// Counts one source record of `theme` sent by `sender` at `time` (its `ce_time`).
    public mutating func addPublished(theme: Theme, sender: String, time: String) {
        guard counts(time) else { return }
        published[sender, default: 0] += 1
        days[String(time.prefix(10)), default: DayTotals()].published += 1
        guard sender == theme.provider, let seconds = EventTime.seconds(time) else { return }
        latest = max(latest ?? seconds, seconds)
        updates[theme.id, default: []].append(seconds)
    }

    /// Counts one `audit.exchange` record (deliveries and rejections; out-of-scope is not counted).
    public mutating func addExchange(_ row: Row) {
        let time = row["time"]?.stringValue ?? ""
        guard counts(time), let decision = row["decision"]?.stringValue, decision != "out-of-scope" else { return }
        let subscriber = row["subscriber"]?.stringValue ?? ""
        let key = "\(decision)|\(row["source"]?.stringValue ?? "")|\(subscriber)|\(row["grant"]?.stringValue ?? "")"
        guard seen.insert(key).inserted else { return }
        let day = time.isEmpty ? "unknown" : String(time.prefix(10))
        if decision == "delivered" {
            received[subscriber, default: 0] += 1
            days[day, default: DayTotals()].delivered += 1
        } else if decision == "rejected" {
            let sender = row["provider"]?.stringValue ?? ""
            rejected[sender.isEmpty ? "?" : sender, default: [:]][row["reason"]?.stringValue ?? "?", default: 0] += 1
            days[day, default: DayTotals()].rejected += 1
        }
    }

    /// Counts one `audit.access` record: a read or check that returned data.
    public mutating func addAccess(_ row: Row) {
        let time = row["time"]?.stringValue ?? ""
        guard counts(time), let decision = row["decision"]?.stringValue, decision == "read" || decision == "checked" else { return }
        reads[row["department"]?.stringValue ?? "?", default: 0] += 1
        days[time.isEmpty ? "unknown" : String(time.prefix(10)), default: DayTotals()].reads += 1
    }
}

/// The exchange of one day.
public struct DayTotals: Sendable, Hashable, Codable {
    /// Records published on source topics.
    public var published = 0
    /// Records delivered to subscribers.
    public var delivered = 0
    /// Records rejected.
    public var rejected = 0
    /// API reads and checks that returned data.
    public var reads = 0

    /// Zero totals.
    public init(published: Int = 0, delivered: Int = 0, rejected: Int = 0, reads: Int = 0) {
        self.published = published
        self.delivered = delivered
        self.rejected = rejected
        self.reads = reads
    }
}
