import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams

/// What replay reads from the broker for some themes, in one pass: the grant history of
/// `ctl.grants`, each theme's source records by partition, and the `audit.exchange` records of
/// each theme's chains by source partition and offset. `replay` and `trace` both read through it.
public struct ReplaySources: Sendable {
    /// `ctl.grants` as a history.
    public let history: GrantHistory
    /// Per theme, per partition: the source records in offset order.
    public let records: [String: [Int32: [SourceRecord]]]
    /// Per theme, per partition, per source offset: the audit records of its routing.
    public let audited: [String: [Int32: [Int64: [AuditedDecision]]]]

    /// The partitions of `theme` that have source or audit records, in order.
    public func partitions(of theme: String) -> [Int32] {
        Set((records[theme] ?? [:]).keys).union((audited[theme] ?? [:]).keys).sorted()
    }

    /// Reads `ctl.identities`, `ctl.grants`, `src.<theme>` of every theme in `themes` and
    /// `audit.exchange` to their ends in one scan (every source record is held in memory until
    /// the replay). Grant steps are checked against the identity registry under `hub`, as the
    /// router checks them.
    public static func read(client: KafkaClientConfig, catalogue: Catalogue, themes: [String], hub: VerifyingKey,
                            progress: TopicScan.Progress? = nil) async throws(KafkaError) -> ReplaySources {
        var identities: [(offset: Int64, event: IdentityEvent)] = []
        let topics = Dictionary(themes.map { (Topics.source($0), $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [GrantHistory.Entry] = []
        var records: [String: [Int32: [SourceRecord]]] = [:]
        var audited: [String: [Int32: [Int64: [AuditedDecision]]]] = [:]
        try await TopicScan(client: client, progress: progress).scan([Topics.identities, Topics.grants] + topics.keys.sorted() + [Topics.audit]) { message in
            if message.topic == Topics.identities {
                if let event = IdentityEvent.decode(message.value) { identities.append((message.offset, event)) }
            } else if message.topic == Topics.grants {
                entries.append(GrantHistory.Entry(offset: message.offset, timestamp: message.timestamp,
                                                  event: try? GrantEvent.decode(message.value)))
            } else if let theme = topics[message.topic] {
                records[theme, default: [:]][message.partition, default: []].append(SourceRecord(
                    offset: message.offset, timestamp: message.timestamp, key: message.key,
                    headers: message.envelopeHeaders, value: message.value))
            } else if message.topic == Topics.audit {
                guard let (topic, partition, offset, decision) = RoutingReplay.auditedDecision(message, of: topics.keys.contains),
                      let theme = topics[topic] else { return }
                audited[theme, default: [:]][partition, default: [:]][offset, default: []].append(decision)
            }
        }
        entries.sort { $0.offset < $1.offset }
        for (theme, partitions) in records {
            for (partition, list) in partitions { records[theme]?[partition] = list.sorted { $0.offset < $1.offset } }
        }
        var registry = IdentityRegistry(hub: hub)
        for identity in identities.sorted(by: { $0.offset < $1.offset }) { registry.apply(identity.event) }
        return ReplaySources(history: GrantHistory(entries: entries, catalogue: catalogue, registry: registry), records: records, audited: audited)
    }
}

extension RoutingReplay {
    /// Reads `ctl.grants`, `src.<theme>` and `audit.exchange` to their ends and replays every
    /// partition of the theme. `secret` must be the router's hub secret (pseudonyms).
    public static func run(client: KafkaClientConfig, catalogue: Catalogue, secret: HubSecret, theme: String,
                           window: TimeWindow = .all, progress: TopicScan.Progress? = nil) async throws(KafkaError) -> ReplayReport {
        let sources = try await ReplaySources.read(client: client, catalogue: catalogue, themes: [theme],
                                                   hub: SigningKey.hub(secret).verifyingKey, progress: progress)
        let replay = RoutingReplay(router: Router(catalogue: catalogue, secret: secret), history: sources.history, theme: theme, window: window)
        var report = ReplayReport(theme: theme, window: window)
        for partition in sources.partitions(of: theme) {
            report.merge(replay.replay(partition: partition, records: sources.records[theme]?[partition] ?? [],
                                       audited: sources.audited[theme]?[partition] ?? [:]))
        }
        return report
    }

    /// An `audit.exchange` record of the chain of a source topic `wanted` accepts (key
    /// `<topic>/<partition>#<n>`; other chains are skipped unparsed), with the source topic,
    /// partition and offset it names.
    static func auditedDecision(_ message: ConsumerMessage, of wanted: (String) -> Bool) -> (String, Int32, Int64, AuditedDecision)? {
        guard let key = message.key, let slash = key.lastIndex(of: UInt8(ascii: "/")),
              wanted(String(decoding: key[..<slash], as: UTF8.self)),
              let row = try? Row.parse(bytes: message.value),
              let segment = row["chain"]?.stringValue, let source = row["source"]?.stringValue else { return nil }
        let parts = source.split(separator: "/")
        guard parts.count >= 3, let partition = Int32(parts[parts.count - 2]), let offset = Int64(parts[parts.count - 1]) else { return nil }
        let topic = parts.dropLast(2).joined(separator: "/")
        guard key.starts(with: Array("\(topic)/".utf8)) else { return nil }
        return (topic, partition, offset, AuditedDecision(
            segment: segment, timestamp: message.timestamp, time: row["time"]?.stringValue ?? "",
            event: row["event"]?.stringValue ?? "", position: "\(Topics.audit) \(message.partition)/\(message.offset)",
            facts: DecisionFacts(record: row)))
    }
}
