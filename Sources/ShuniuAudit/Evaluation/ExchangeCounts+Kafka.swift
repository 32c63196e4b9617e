import ShuniuKafka
import ShuniuModel
import ShuniuStreams

extension ExchangeCounts {
    /// Folds every source topic of the catalogue, `audit.exchange` and `audit.access`, read to
    /// their ends.
    public static func read(client: KafkaClientConfig, catalogue: Catalogue, year: Int?,
                            progress: TopicScan.Progress? = nil) async throws(KafkaError) -> ExchangeCounts {
        let scan = TopicScan(client: client, progress: progress)
        var counts = ExchangeCounts(year: year)
        for theme in catalogue.themes {
            try await scan.scan(Topics.source(theme.id)) { message in
                let sender = message.headers.value(named: EnvelopeHeaderName.source).map { String(decoding: $0, as: UTF8.self) } ?? "?"
                let time = message.headers.value(named: EnvelopeHeaderName.time).map { String(decoding: $0, as: UTF8.self) } ?? ""
                counts.addPublished(theme: theme, sender: sender, time: time)
            }
        }
        try await scan.scan(Topics.audit) { message in
            if let row = try? Row.parse(bytes: message.value) { counts.addExchange(row) }
        }
        try await scan.scan(Topics.access) { message in
            if let row = try? Row.parse(bytes: message.value) { counts.addAccess(row) }
        }
        return counts
    }
}
