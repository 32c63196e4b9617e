import ShuniuModel

/// The yearly evaluation of departments' sharing (`shuniu evaluate`), built from folded
/// counts and the grant table: per department, what it provided and how fresh, what was
/// rejected, what it receives and reads; and the exchange per day.
public struct Evaluation: Sendable, Hashable, Codable {
    /// One department's sharing.
    public struct Department: Sendable, Hashable, Codable {
        /// The department id.
        public var id: String
        /// Its Chinese name.
        public var name: String
        /// The themes it is the authoritative provider of.
        public var themesProvided: [String]
        /// Records it sent to source topics (by `ce_source`).
        public var published: Int
        /// Its records the router rejected, by reason.
        public var rejected: [String: Int]
        /// Freshness of each theme it provides.
        public var freshness: [Freshness]
        /// Themes it provides that were updated late.
        public var lateThemes: [String]
        /// Grants in force on the themes it provides (subscriptions it serves).
        public var subscriptionsServed: Int
        /// Grants in force it holds as a subscriber.
        public var subscriptionsHeld: Int
        /// Records delivered to it.
        public var received: Int
        /// Its API reads and checks that returned data.
        public var apiReads: Int

        /// Rejections, all reasons.
        public var rejectedTotal: Int { rejected.values.reduce(0, +) }
        /// Whether anything at all is recorded for it.
        public var isActive: Bool {
            published + rejectedTotal + subscriptionsServed + subscriptionsHeld + received + apiReads > 0
        }
    }

    /// One day's exchange.
    public struct Day: Sendable, Hashable, Codable {
        /// `YYYY-MM-DD` (the records' own times).
        public var day: String
        /// The totals.
        public var totals: DayTotals
    }

    /// The year evaluated, if one was chosen.
    public var year: Int?
    /// The moment freshness is judged at (RFC 3339).
    public var asOf: String?
    /// Every department of the catalogue, by id.
    public var departments: [Department]
    /// Rejections whose sender is not a catalogue department (forged or unreadable `ce_source`).
    public var rejectedUnknownSenders: [String: Int]
    /// The exchange per day, oldest first.
    public var days: [Day]

    /// Builds the evaluation from `counts` and the grant `table` (grants judged in force on
    /// the `asOf` day). `asOf` defaults to the latest event time counted, or the year's end
    /// when that is earlier; so the same topics always evaluate the same.
    public init(catalogue: Catalogue, counts: ExchangeCounts, grants table: GrantTable, asOf: Int64? = nil) {
        var moment = asOf ?? counts.latest
        if let year = counts.year, let end = CalendarDate(year: year + 1, month: 1, day: 1) {
            moment = moment.map { min($0, Int64(end.daysSinceEpoch) * 86_400 - 1) }
        }
        let day = moment.flatMap { CalendarDate(iso: EventTime.text($0).prefix(10)) }
        let inForce = table.all.filter { $0.isInForce(on: day) }
        year = counts.year
        self.asOf = moment.map(EventTime.text)
        departments = catalogue.departments.map { department in
            let provided = catalogue.themes.filter { $0.provider == department.id }
            let freshness = provided.map {
                Freshness(theme: $0.id, frequency: $0.update, times: counts.updates[$0.id] ?? [], asOf: moment)
            }
            let themeIDs = Set(provided.map(\.id))
            return Department(id: department.id, name: department.name.zh, themesProvided: provided.map(\.id),
                              published: counts.published[department.id] ?? 0, rejected: counts.rejected[department.id] ?? [:],
                              freshness: freshness, lateThemes: freshness.filter(\.late).map(\.theme),
                              subscriptionsServed: inForce.filter { themeIDs.contains($0.theme) }.count,
                              subscriptionsHeld: inForce.filter { $0.subscriber == department.id }.count,
                              received: counts.received[department.id] ?? 0, apiReads: counts.reads[department.id] ?? 0)
        }
        let known = Set(catalogue.departments.map(\.id))
        rejectedUnknownSenders = counts.rejected.filter { !known.contains($0.key) }.mapValues { $0.values.reduce(0, +) }
        days = counts.days.keys.sorted().map { Day(day: $0, totals: counts.days[$0]!) }
    }
}
