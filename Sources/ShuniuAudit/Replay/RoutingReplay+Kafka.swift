import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams

extension RoutingReplay {
    /// Reads `ctl.grants`, `src.<theme>` and `audit.exchange` to their ends and replays every
    /// partition of the theme. `secret` must be the router's hub secret (pseudonyms).
    public static func run(client: KafkaClientConfig, catalogue: Catalogue, secret: HubSecret, theme: String,
                           window: TimeWindow = .all, progress: TopicScan.Progress? = nil) async throws(KafkaError) -> ReplayReport {
        let topic = Topics.source(theme)
        var entries: [GrantHistory.Entry] = []
        var records: [Int32: [SourceRecord]] = [:]
        var audited: [Int32: [Int64: [AuditedDecision]]] = [:]
        try await TopicScan(client: client, progress: progress).scan([Topics.grants, topic, Topics.audit]) { message in
            switch message.topic {
            case Topics.grants:
                entries.append(GrantHistory.Entry(offset: message.offset, timestamp: message.timestamp,
                                                  event: try? GrantEvent.decode(message.value)))
            case topic:
                records[message.partition, default: []].append(SourceRecord(
                    offset: message.offset, timestamp: message.timestamp, key: message.key,
                    headers: message.envelopeHeaders, value: message.value))
            default:
                guard let (partition, offset, decision) = auditedDecision(message, of: topic) else { return }
                audited[partition, default: [:]][offset, default: []].append(decision)
            }
        }
        entries.sort { $0.offset < $1.offset }
        let history = GrantHistory(entries: entries, catalogue: catalogue)
        let replay = RoutingReplay(router: Router(catalogue: catalogue, secret: secret), history: history, theme: theme, window: window)
        var report = ReplayReport(theme: theme, window: window)
        for partition in Set(records.keys).union(audited.keys).sorted() {
            let ordered = (records[partition] ?? []).sorted { $0.offset < $1.offset }
            report.merge(replay.replay(partition: partition, records: ordered, audited: audited[partition] ?? [:]))
        }
        return report
    }

    /// An `audit.exchange` record of one of `topic`'s chains (key `topic/<partition>#<n>`),
    /// with the source position it names.
    static func auditedDecision(_ message: ConsumerMessage, of topic: String) -> (Int32, Int64, AuditedDecision)? {
        guard let key = message.key, key.starts(with: Array("\(topic)/".utf8)), let row = try? Row.parse(bytes: message.value),
              let segment = row["chain"]?.stringValue, let source = row["source"]?.stringValue else { return nil }
        let parts = source.split(separator: "/")
        guard parts.count >= 3, parts.dropLast(2).joined(separator: "/") == topic,
              let partition = Int32(parts[parts.count - 2]), let offset = Int64(parts[parts.count - 1]) else { return nil }
        return (partition, offset, AuditedDecision(
            segment: segment, timestamp: message.timestamp, time: row["time"]?.stringValue ?? "",
            event: row["event"]?.stringValue ?? "", position: "\(Topics.audit) \(message.partition)/\(message.offset)",
            facts: DecisionFacts(record: row)))
    }
}
