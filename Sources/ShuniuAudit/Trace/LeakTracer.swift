/// Traces the rows of a file found outside the hub to the deliveries they were cut from.
/// Pure: the file's rows in, deliveries streamed through `add`, a report out.
///
/// It indexes the **file** (bounded by its row limit), not the hub's history, so a long
/// history streams through in constant memory: a delivery is kept only when it shares a value
/// with some row of the file.
///
/// The matching rule, per row of the file (column names play no part; columns may be dropped,
/// renamed, reordered, rows shuffled):
/// 1. **digest**: the row is a delivered value byte for byte (a JSON line, or one without the
///    subscriber's `_…` members): the deliveries with that `sha256` match;
/// 2. otherwise each delivery scores the row's **distinctive** values it holds (in its
///    delivered row, or as its record key): values `LeakValue.isCandidate` accepts (4+
///    characters, 2+ when not ASCII; not a short number or a boolean) that are held by the
///    deliveries of at most `commonLimit` subjects (a district, a status, a common date are
///    not distinctive). A delivery qualifies with 2 or more, or
///    with one **pseudonym** (64 hex digits, the HMAC of a value under one department's key:
///    only that department received it);
/// 3. the qualifying deliveries with the highest score are the row's sources (several when
///    the same values reached several departments or grants; the row then counts for each and
///    is *ambiguous* if the departments differ). A row with no qualifying delivery matches none.
public struct LeakTracer: Sendable {
    /// The default `commonLimit`.
    public static let defaultCommonLimit = 10

    /// What the tracer keeps of a delivery that shares something with the file.
    struct Kept: Sendable {
        var department: String
        var grant: String
        var basis: String?
        var theme: String
        var event: String
        var eventTime: String
        var deliveredAt: Int64
        var source: String
    }

    /// Per indexed value: the subjects whose deliveries hold it (up to `commonLimit + 1`),
    /// and those deliveries while it is distinctive.
    struct ValueStats: Sendable {
        var subjects: Set<String> = []
        var deliveries: [Int] = []
        var isPseudonym = false
    }

    /// A value held by more subjects' deliveries than this is common, not distinctive.
    public let commonLimit: Int
    private let rows: [LeakedRow]
    private var valueIDs: [String: Int] = [:]
    private var rowValues: [[Int]] = []
    private var stats: [ValueStats] = []
    private var digestRows: [String: [Int]] = [:]
    private var digestHits: [Int: [Int]] = [:]
    private var kept: [Kept] = []
    private var seen: Set<String> = []
    /// Deliveries passed to `add`.
    public private(set) var deliveriesCompared = 0

    /// A tracer for `rows`.
    public init(rows: [LeakedRow], commonLimit: Int = defaultCommonLimit) {
        self.rows = rows
        self.commonLimit = max(commonLimit, 1)
        for (index, row) in rows.enumerated() {
            var ids: [Int] = []
            for value in row.values {
                if let id = valueIDs[value] {
                    ids.append(id)
                } else {
                    valueIDs[value] = stats.count
                    ids.append(stats.count)
                    stats.append(ValueStats(isPseudonym: LeakValue.isPseudonym(value)))
                }
            }
            rowValues.append(ids)
            for digest in row.digests { digestRows[digest, default: []].append(index) }
        }
    }

    /// Compares one delivery with the file. A delivery seen again (routed twice after a
    /// router restart: same department, grant, event and digest) counts once.
    public mutating func add(_ delivery: TracedDelivery) {
        deliveriesCompared += 1
        var hits = Set<Int>()
        for field in delivery.row.fields {
            if let text = LeakValue.text(field.value), let id = valueIDs[text] { hits.insert(id) }
        }
        if let key = delivery.recordKey, let id = valueIDs[key] { hits.insert(id) }
        let digestHit = digestRows[delivery.sha256]
        guard !hits.isEmpty || digestHit != nil else { return }
        guard seen.insert("\(delivery.department)|\(delivery.grant)|\(delivery.event)|\(delivery.sha256)").inserted else { return }
        let index = kept.count
        kept.append(Kept(department: delivery.department, grant: delivery.grant, basis: delivery.basis, theme: delivery.theme,
                         event: delivery.event, eventTime: delivery.eventTime, deliveredAt: delivery.deliveredAt,
                         source: delivery.source))
        for id in hits {
            if stats[id].subjects.count <= commonLimit { stats[id].subjects.insert(delivery.subject) }
            if stats[id].subjects.count <= commonLimit {
                stats[id].deliveries.append(index)
            } else {
                stats[id].deliveries = []
            }
        }
        for row in digestHit ?? [] { digestHits[row, default: []].append(index) }
    }

    /// The best deliveries of row `index`, how it matched and the values shared.
    func best(_ index: Int) -> (deliveries: [Int], match: LeakReport.Match, shared: Int) {
        let values = rowValues[index]
        func shared(_ delivery: Int) -> Int {
            values.filter { stats[$0].subjects.count <= commonLimit && stats[$0].deliveries.contains(delivery) }.count
        }
        if let exact = digestHits[index], !exact.isEmpty {
            return (exact, .digest, exact.map(shared).max() ?? 0)
        }
        var scores: [Int: (count: Int, pseudonym: Bool)] = [:]
        for id in values where stats[id].subjects.count <= commonLimit {
            for delivery in Set(stats[id].deliveries) {
                scores[delivery, default: (0, false)].count += 1
                if stats[id].isPseudonym { scores[delivery, default: (0, false)].pseudonym = true }
            }
        }
        let qualifying = scores.filter { $0.value.count >= 2 || $0.value.pseudonym }
        guard let top = qualifying.values.map(\.count).max() else { return ([], .none, 0) }
        let chosen = qualifying.filter { $0.value.count == top }
        let match: LeakReport.Match = chosen.values.contains { $0.pseudonym } ? .pseudonym : .values
        return (chosen.keys.sorted(), match, top)
    }

    /// The report on the file the rows came from.
    public func report(file: String, format: LeakFile.Format, unreadable: Int = 0, truncated: Bool = false,
                       rowLimit: Int = LeakFile.defaultLimit) -> LeakReport {
        var report = LeakReport(file: file, format: format, rows: rows.count, unreadable: unreadable, truncated: truncated,
                                rowLimit: rowLimit, deliveriesCompared: deliveriesCompared, traced: 0, ambiguous: 0,
                                unmatched: 0, unmatchedLines: [], sources: [], rowTraces: [])
        var sources: [String: LeakReport.Source] = [:]
        for (index, row) in rows.enumerated() {
            let (deliveries, match, sharedValues) = best(index)
            let slots = Dictionary(grouping: deliveries) { "\(kept[$0].department) \(kept[$0].grant)" }
            report.rowTraces.append(LeakReport.RowTrace(line: row.line, match: match, sharedValues: sharedValues,
                                                        sources: slots.keys.sorted(),
                                                        events: Array(Set(deliveries.map { kept[$0].event }).sorted().prefix(5))))
            guard !deliveries.isEmpty else {
                report.unmatched += 1
                if report.unmatchedLines.count < 100 { report.unmatchedLines.append(row.line) }
                continue
            }
            report.traced += 1
            if Set(deliveries.map { kept[$0].department }).count > 1 { report.ambiguous += 1 }
            for (slot, group) in slots {
                let first = kept[group[0]]
                var source = sources[slot] ?? LeakReport.Source(
                    department: first.department, grant: first.grant, basis: first.basis, themes: [], rows: 0, onlyHere: 0,
                    byDigest: 0, byPseudonym: 0, byValues: 0, firstDelivered: nil, lastDelivered: nil,
                    firstEvent: first.eventTime, lastEvent: first.eventTime, examples: [])
                source.rows += 1
                if slots.count == 1 { source.onlyHere += 1 }
                switch match {
                case .digest: source.byDigest += 1
                case .pseudonym: source.byPseudonym += 1
                case .values, .none: source.byValues += 1
                }
                for delivery in group.map({ kept[$0] }) {
                    if !source.themes.contains(delivery.theme) { source.themes.append(delivery.theme) }
                    source.firstEvent = min(source.firstEvent, delivery.eventTime)
                    source.lastEvent = max(source.lastEvent, delivery.eventTime)
                    if delivery.deliveredAt >= 0 {
                        let time = EventTime.text(delivery.deliveredAt / 1_000)
                        source.firstDelivered = min(source.firstDelivered ?? time, time)
                        source.lastDelivered = max(source.lastDelivered ?? time, time)
                    }
                    if source.examples.count < 3 && !source.examples.contains(delivery.source) { source.examples.append(delivery.source) }
                }
                sources[slot] = source
            }
        }
        report.sources = sources.values.map { source in
            var source = source
            source.themes.sort()
            return source
        }.sorted { ($1.rows, $0.department, $0.grant) < ($0.rows, $1.department, $1.grant) }
        return report
    }
}
