import ShuniuKafka
import ShuniuModel
import ShuniuRouter

extension AuditVerification {
    /// Reads `audit.exchange` and `audit.access` to their ends and checks every chain: records
    /// sealed with `key`, and against `checkpoints` (exported earlier, signature checked).
    public static func read(client: KafkaClientConfig, key: AuditKey, window: TimeWindow = .all,
                            topics: [String] = [Topics.audit, Topics.access], checkpoints: [AuditCheckpoint] = [],
                            progress: TopicScan.Progress? = nil) async throws(KafkaError) -> AuditVerification {
        try await checked(client: client, key: key, window: window, topics: topics, checkpoints: checkpoints, progress: progress).verification
    }

    /// The checks of `read`, with each log's verified heads (for `audit checkpoint`).
    public static func checked(client: KafkaClientConfig, key: AuditKey, window: TimeWindow = .all,
                               topics: [String] = [Topics.audit, Topics.access], checkpoints: [AuditCheckpoint] = [],
                               progress: TopicScan.Progress? = nil) async throws(KafkaError) -> (verification: AuditVerification, checks: [AuditLogCheck]) {
        let scan = TopicScan(client: client, progress: progress)
        var checks = topics.map { topic in
            var expected: [String: [Int64: String]] = [:]
            for checkpoint in checkpoints where checkpoint.topic == topic { expected[checkpoint.chain, default: [:]][checkpoint.seq] = checkpoint.hash }
            return AuditLogCheck(topic: topic, window: window, key: key, checkpoints: expected)
        }
        let index = Dictionary(uniqueKeysWithValues: topics.enumerated().map { ($1, $0) })
        try await scan.scan(topics) { message in
            guard let slot = index[message.topic] else { return }
            checks[slot].check(message.value, partition: message.partition, offset: message.offset)
        }
        return (AuditVerification(window: window, logs: checks.map(\.summary)), checks)
    }
}
