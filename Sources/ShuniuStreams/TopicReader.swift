import ShuniuKafka

/// Reads a topic from the beginning of every partition to its current end (bounded reads for
/// audits, demos and tests).
public struct TopicReader: Sendable {
    let client: KafkaClientConfig

    /// A reader on the cluster `client` names.
    public init(client: KafkaClientConfig) { self.client = client }

    /// Every record of `topic` (of `partitions` partitions, or all it has), up to `limit`.
    public func read(_ topic: String, partitions: Int? = nil, limit: Int? = nil,
                     timeout: Duration = .seconds(60)) async throws(KafkaError) -> [ConsumerMessage] {
        var count = partitions ?? 0
        if partitions == nil {
            count = try await KafkaAdmin(client: client).listTopics().first { $0.name == topic }?.partitions ?? 0
        }
        guard count > 0 else { return [] }
        var config = ConsumerConfig(client: client)
        config.reportEndOfPartition = true
        let consumer = try KafkaConsumer(config: config)
        try consumer.assign((0..<count).map { TopicPartitionOffset(topic: topic, partition: Int32($0), offset: .beginning) })
        var messages: [ConsumerMessage] = []
        var ended = Set<Int32>()
        let deadline = ContinuousClock.now + timeout
        while ended.count < count && messages.count < (limit ?? .max) && ContinuousClock.now < deadline {
            let batch = try await consumer.poll(maxMessages: 10_000)
            messages += batch.messages
            for eof in batch.endOfPartition { ended.insert(eof.partition) }
        }
        await consumer.close()
        return limit.map { Array(messages.prefix($0)) } ?? messages
    }
}
