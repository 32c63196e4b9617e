/// The true end offsets of partitions (the offset the next record will get), on any broker.
///
/// ListOffsets(LATEST) alone is not enough on the Tansu dev broker: it answers the base offset
/// of the last record batch plus one, not the offset after the batch's last record. So this
/// asks ListOffsets, then reads from one before that answer to the partition's end (one record
/// on Apache Kafka, the last batch on Tansu) and takes the offset after the last record read.
///
/// Keeps one admin client and one reader, reused by every call.
public struct EndOffsets: Sendable {
    private let admin: KafkaAdmin
    private let consumer: KafkaConsumer

    /// Ends on the cluster `client` names.
    public init(client: KafkaClientConfig) throws(KafkaError) {
        admin = try KafkaAdmin(client: client)
        var config = ConsumerConfig(client: client)
        config.reportEndOfPartition = true
        consumer = try KafkaConsumer(config: config)
    }

    /// The end offset of each partition.
    public func read(_ partitions: [TopicPartition], timeout: Duration = .seconds(30)) async throws(KafkaError) -> [TopicPartition: Int64] {
        guard !partitions.isEmpty else { return [:] }
        var ends: [TopicPartition: Int64] = [:]
        for partition in partitions {
            ends[partition] = try await admin.watermarks(topic: partition.topic, partition: partition.partition).high
        }
        let probe = partitions.filter { (ends[$0] ?? 0) > 0 }
        guard !probe.isEmpty else { return ends }
        try consumer.assign(probe.map { TopicPartitionOffset(topic: $0.topic, partition: $0.partition, offset: KafkaOffset(ends[$0]! - 1)) })
        var open = Set(probe)
        let deadline = ContinuousClock.now + timeout
        while !open.isEmpty {
            guard ContinuousClock.now < deadline else {
                throw KafkaError(code: .timedOut, message: "end offsets: \(open.count) partition(s) did not reach their end within \(timeout)")
            }
            let batch = try await consumer.poll(maxMessages: 10_000, timeout: .milliseconds(100))
            for message in batch.messages {
                let key = TopicPartition(topic: message.topic, partition: message.partition)
                ends[key] = max(ends[key] ?? 0, message.offset + 1)
            }
            for end in batch.endOfPartition { open.remove(end) }
        }
        try consumer.assign([])
        return ends
    }
}
