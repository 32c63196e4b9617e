import ShuniuKafka
import ShuniuModel

extension AuditVerification {
    /// Reads `audit.exchange` and `audit.access` to their ends and checks every chain.
    public static func read(client: KafkaClientConfig, window: TimeWindow = .all,
                            topics: [String] = [Topics.audit, Topics.access],
                            progress: TopicScan.Progress? = nil) async throws(KafkaError) -> AuditVerification {
        let scan = TopicScan(client: client, progress: progress)
        var logs: [AuditLogSummary] = []
        for topic in topics {
            var check = AuditLogCheck(topic: topic, window: window)
            try await scan.scan(topic) { check.check($0.value, partition: $0.partition, offset: $0.offset) }
            logs.append(check.summary)
        }
        return AuditVerification(window: window, logs: logs)
    }
}
