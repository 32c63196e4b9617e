import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams

extension ExchangeCounts {
    /// Folds every source topic of the catalogue, `audit.exchange` and `audit.access`, read to
    /// their ends.
    public static func read(client: KafkaClientConfig, catalogue: Catalogue, year: Int?,
                            progress: TopicScan.Progress? = nil) async throws(KafkaError) -> ExchangeCounts {
        let scan = TopicScan(client: client, progress: progress)
        var counts = ExchangeCounts(year: year)
        let themes = Dictionary(uniqueKeysWithValues: catalogue.themes.map { (Topics.source($0.id), $0) })
        try await scan.scan(catalogue.themes.map { Topics.source($0.id) } + [Topics.audit, Topics.access]) { message in
            if message.topic == Topics.audit || message.topic == Topics.access {
                guard let row = try? Row.parse(bytes: message.value) else { return }
                if message.topic == Topics.audit {
                    for decision in AuditRecord.decisions(of: row) { counts.addExchange(decision) }
                } else {
                    counts.addAccess(row)
                }
                return
            }
            guard let theme = themes[message.topic] else { return }
            let sender = message.headers.value(named: EnvelopeHeaderName.source).map { String(decoding: $0, as: UTF8.self) } ?? "?"
                let time = message.headers.value(named: EnvelopeHeaderName.time).map { String(decoding: $0, as: UTF8.self) } ?? ""
            counts.addPublished(theme: theme, sender: sender, time: time)
        }
        return counts
    }
}
