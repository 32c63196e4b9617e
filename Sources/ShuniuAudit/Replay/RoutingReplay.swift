import ShuniuModel
import ShuniuRouter

/// One record of a source topic, as replay reads it.
public struct SourceRecord: Sendable {
    /// Its offset in its partition.
    public var offset: Int64
    /// Its Kafka timestamp (ms since the epoch, -1 when unknown).
    public var timestamp: Int64
    /// Key, envelope headers and value, exactly as the router read them.
    public var key: [UInt8]?
    /// The headers.
    public var headers: [EnvelopeHeader]
    /// The value.
    public var value: [UInt8]

    /// Describes one source record.
    public init(offset: Int64, timestamp: Int64, key: [UInt8]?, headers: [EnvelopeHeader], value: [UInt8]) {
        self.offset = offset
        self.timestamp = timestamp
        self.key = key
        self.headers = headers
        self.value = value
    }

    var time: String? { headers.first { $0.name == EnvelopeHeaderName.time }?.text }
    var event: String { headers.first { $0.name == EnvelopeHeaderName.id }?.text ?? "" }
}

/// Re-runs `Router.decide` over one theme's source partitions and compares each decision with
/// the audit records of that partition's chain. Pure: the records, the grant history and the
/// audit records in; differences out.
///
/// The rule that makes a clean run replay exactly: each source record is decided
/// - under a prefix of `ctl.grants` the router may have had in hand (see `GrantHistory`):
///   every grant event written before the record, none written after its audit records; the
///   replay tries those prefixes, latest first, and accepts the first that yields exactly the
///   recorded decisions;
/// - with grant validity judged on the event's own day (as the router does);
/// - with the partition's scope memory rebuilt by walking the partition from its first record
///   (only the report is bounded by time). Each chain segment is one routing of the records
///   it covers: a new segment starts either from the scope memory in hand (a rebalance inside
///   one router process) or empty (a new process); both are kept until the records tell them apart.
/// A record routed twice (after a restart) is compared once per segment that records it; the
/// last record of a segment that a later segment routes again may lack some of its audit
/// records (its process died with them in flight): that is counted, not reported.
public struct RoutingReplay: Sendable {
    private let router: Router
    private let history: GrantHistory
    /// The theme replayed.
    public let theme: String
    /// The window reported (on the events' own `ce_time`).
    public let window: TimeWindow

    /// A replay of `theme` with the router's catalogue and pseudonym secret.
    public init(router: Router, history: GrantHistory, theme: String, window: TimeWindow = .all) {
        self.router = router
        self.history = history
        self.theme = theme
        self.window = window
    }

    /// Replays one source partition: `records` in offset order, `audited` by source offset.
    ///
    /// `delivered`, when given, is called for every replayed delivery that an audit record of
    /// the same subscriber, grant and digest confirms, with that audit record (leak tracing
    /// reads the delivered rows this way; a delivery the audit does not confirm is not passed).
    public func replay(partition: Int32, records: [SourceRecord], audited: [Int64: [AuditedDecision]],
                       delivered: ((RoutingDecision, AuditedDecision) -> Void)? = nil) -> ReplayReport {
        var report = ReplayReport(theme: theme, window: window)
        let topic = Topics.source(theme)
        // Per segment, the scope memories it may hold: a new segment starts either from the
        // memory in hand (a rebalance inside one process) or empty (a new process); both are
        // kept until the records tell them apart. Each hypothesis carries whether it is the fresh one.
        var scopes: [String: [(scope: ScopeMemory, fresh: Bool)]] = [:]
        var latest: String?
        var tails: [String: Int64] = [:]
        for (offset, decisions) in audited {
            for decision in decisions { tails[decision.segment] = max(tails[decision.segment] ?? offset, offset) }
        }
        for record in records {
            let source = SourcePosition(topic: topic, partition: partition, offset: record.offset)
            report.records += 1
            let groups = Dictionary(grouping: audited[record.offset] ?? [], by: \.segment)
            let before = scopes
            let inHand = latest.flatMap { before[$0]?.first?.scope } ?? ScopeMemory()
            guard !groups.isEmpty else {
                let best = bestRun(record, source: source, recorded: [], auditTime: nil, scope: inHand)
                if let latest { scopes[latest] = [(best.scope, before[latest]?.first?.fresh ?? false)] }
                report.add(best, recorded: [], source: source, event: record.event, time: record.time)
                continue
            }
            for segment in groups.keys.sorted(by: Self.segmentOrder) {
                let recorded = groups[segment] ?? []
                let hypotheses = before[segment] ?? [(inHand, false), (ScopeMemory(), true)]
                let auditTime = recorded.map(\.timestamp).filter { $0 >= 0 }.min()
                let runs = hypotheses.map { (run: bestRun(record, source: source, recorded: recorded, auditTime: auditTime, scope: $0.scope), fresh: $0.fresh) }
                let matching = runs.filter(\.run.matched)
                let chosen = matching.first ?? runs[0]
                scopes[segment] = matching.isEmpty ? [(runs[0].run.scope, runs[0].fresh)] : matching.map { ($0.run.scope, $0.fresh) }
                if hypotheses.count > 1 && matching.count == 1 && matching[0].fresh { report.segmentsAfterRestart += 1 }
                // The last record of a segment whose routing a later segment repeats: the
                // process died while its outputs were in flight, so only part of them may have
                // reached the broker. Missing audit records there are the crash, not a fault.
                let cutOff = !chosen.run.matched && tails[segment] == record.offset
                    && groups.keys.contains { Self.segmentOrder(segment, $0) }
                    && Set(recorded.map(\.facts)).isSubset(of: Set(chosen.run.facts))
                report.add(chosen.run, recorded: recorded, source: source, event: record.event,
                           time: record.time ?? recorded.first?.time, cutOff: cutOff)
                if let delivered { Self.confirmed(chosen.run, recorded: recorded, delivered) }
                if latest.map({ Self.segmentOrder($0, segment) }) ?? true { latest = segment }
            }
        }
        let known = Set(records.map(\.offset))
        for (offset, recorded) in audited where !known.contains(offset) {
            for audit in recorded where window.contains(audit.time) {
                report.differences.append(ReplayDifference(
                    kind: .auditWithoutDelivery, source: "\(topic)/\(partition)/\(offset)", event: audit.event, time: audit.time,
                    replayed: nil, recorded: audit.facts, audit: audit.position,
                    detail: "no source record at this position"))
            }
        }
        return report
    }

    /// A replayed routing of one record: the decisions, the scope memory after it, and whether
    /// it needed an earlier grant prefix to match.
    struct Run {
        var decisions: [RoutingDecision]
        var facts: [DecisionFacts]
        var scope: ScopeMemory
        var matched: Bool
        var earlierGrants: Bool
    }

    private func bestRun(_ record: SourceRecord, source: SourcePosition, recorded: [AuditedDecision],
                         auditTime: Int64?, scope start: ScopeMemory) -> Run {
        let expected = Set(recorded.map(\.facts))
        let prefixes = history.prefixes(theme: theme, sourceTime: record.timestamp, auditTime: auditTime)
        var best: (run: Run, distance: Int)?
        for (prefixIndex, prefix) in prefixes.enumerated() {
            var scope = start
            let result = router.decide(key: record.key, headers: record.headers, value: record.value, source: source,
                                       grants: history.table(after: prefix), scope: &scope)
            let facts = result.decisions.map(DecisionFacts.init)
            let distance = Set(facts).symmetricDifference(expected).count
            let run = Run(decisions: result.decisions, facts: facts, scope: scope, matched: distance == 0, earlierGrants: prefixIndex > 0)
            if distance == 0 { return run }
            if distance < best?.distance ?? .max { best = (run, distance) }
        }
        return best?.run ?? Run(decisions: [], facts: [], scope: start, matched: false, earlierGrants: false)
    }

    /// Hands each delivery of `run` that a recorded decision confirms (same subscriber, grant
    /// and digest) to `delivered`, with that record.
    private static func confirmed(_ run: Run, recorded: [AuditedDecision], _ delivered: (RoutingDecision, AuditedDecision) -> Void) {
        for (decision, facts) in zip(run.decisions, run.facts) where decision.outcome == .delivered {
            guard let audit = recorded.first(where: { $0.facts.slot == facts.slot && $0.facts.sha256 == facts.sha256 && $0.facts.decision == facts.decision }) else { continue }
            delivered(decision, audit)
        }
    }

    /// `src.x/0#2` before `src.x/0#10`.
    static func segmentOrder(_ left: String, _ right: String) -> Bool {
        func number(_ segment: String) -> Int { segment.lastIndex(of: "#").flatMap { Int(segment[segment.index(after: $0)...]) } ?? 0 }
        return (number(left), left) < (number(right), right)
    }
}
