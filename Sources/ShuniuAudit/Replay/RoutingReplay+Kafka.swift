import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams

extension RoutingReplay {
    /// Reads `ctl.grants`, `src.<theme>` and `audit.exchange` to their ends and replays every
    /// partition of the theme. `secret` must be the router's `$SHUNIU_SECRET` (pseudonyms).
    public static func run(client: KafkaClientConfig, catalogue: Catalogue, secret: [UInt8], theme: String,
                           window: TimeWindow = .all, progress: TopicScan.Progress? = nil) async throws(KafkaError) -> ReplayReport {
        let scan = TopicScan(client: client, progress: progress)
        var entries: [GrantHistory.Entry] = []
        try await scan.scan(Topics.grants) { message in
            entries.append(GrantHistory.Entry(offset: message.offset, timestamp: message.timestamp,
                                              event: try? GrantEvent.decode(message.value)))
        }
        entries.sort { $0.offset < $1.offset }
        let history = GrantHistory(entries: entries, catalogue: catalogue)

        let topic = Topics.source(theme)
        var records: [Int32: [SourceRecord]] = [:]
        try await scan.scan(topic) { message in
            records[message.partition, default: []].append(SourceRecord(
                offset: message.offset, timestamp: message.timestamp, key: message.key,
                headers: message.envelopeHeaders, value: message.value))
        }

        let prefix = Array("\(topic)/".utf8)
        var audited: [Int32: [Int64: [AuditedDecision]]] = [:]
        try await scan.scan(Topics.audit) { message in
            guard let key = message.key, key.starts(with: prefix), let row = try? Row.parse(bytes: message.value),
                  let segment = row["chain"]?.stringValue, let source = row["source"]?.stringValue else { return }
            let parts = source.split(separator: "/")
            guard parts.count >= 3, String(parts.dropLast(2).joined(separator: "/")) == topic,
                  let partition = Int32(parts[parts.count - 2]), let offset = Int64(parts[parts.count - 1]) else { return }
            audited[partition, default: [:]][offset, default: []].append(AuditedDecision(
                segment: segment, timestamp: message.timestamp, time: row["time"]?.stringValue ?? "",
                event: row["event"]?.stringValue ?? "", position: "\(Topics.audit) \(message.partition)/\(message.offset)",
                facts: DecisionFacts(record: row)))
        }

        let replay = RoutingReplay(router: Router(catalogue: catalogue, secret: secret), history: history, theme: theme, window: window)
        var report = ReplayReport(theme: theme, window: window)
        for partition in Set(records.keys).union(audited.keys).sorted() {
            let ordered = (records[partition] ?? []).sorted { $0.offset < $1.offset }
            report.merge(replay.replay(partition: partition, records: ordered, audited: audited[partition] ?? [:]))
        }
        return report
    }
}
