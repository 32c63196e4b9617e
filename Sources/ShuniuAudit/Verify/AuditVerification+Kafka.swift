import ShuniuKafka
import ShuniuModel

extension AuditVerification {
    /// Reads `audit.exchange` and `audit.access` to their ends and checks every chain.
    public static func read(client: KafkaClientConfig, window: TimeWindow = .all,
                            topics: [String] = [Topics.audit, Topics.access],
                            progress: TopicScan.Progress? = nil) async throws(KafkaError) -> AuditVerification {
        let scan = TopicScan(client: client, progress: progress)
        var checks = topics.map { AuditLogCheck(topic: $0, window: window) }
        let index = Dictionary(uniqueKeysWithValues: topics.enumerated().map { ($1, $0) })
        try await scan.scan(topics) { message in
            guard let slot = index[message.topic] else { return }
            checks[slot].check(message.value, partition: message.partition, offset: message.offset)
        }
        return AuditVerification(window: window, logs: checks.map(\.summary))
    }
}
