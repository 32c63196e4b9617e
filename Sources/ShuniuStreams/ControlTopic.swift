import ShuniuKafka
import ShuniuModel

/// One single-partition control log (`ctl.grants`, `ctl.identities`, ...), followed from the
/// beginning: reads what is new up to the end the broker reports, and appends records.
///
/// The end is asked on an admin connection of its own: on the consumer's connection the
/// question would wait behind a pending fetch (up to `fetch.wait.max.ms`).
public actor ControlTopic {
    /// The topic.
    public let topic: String
    /// The offset of the next record to read.
    public private(set) var nextOffset: Int64 = 0
    private let consumer: KafkaConsumer
    private let admin: KafkaAdmin
    private let client: KafkaClientConfig
    private var producer: KafkaProducer?

    /// Follows partition 0 of `topic` on the cluster `client` names.
    public init(topic: String, client: KafkaClientConfig) throws(KafkaError) {
        self.topic = topic
        self.client = client
        consumer = try KafkaConsumer(config: ConsumerConfig(client: client))
        admin = try KafkaAdmin(client: client)
        try consumer.assign([TopicPartitionOffset(topic: topic, partition: 0, offset: .beginning)])
    }

    /// Every record from `nextOffset` up to the current end of the log, in order. A topic
    /// that does not exist yet reads as empty when `missingIsEmpty`.
    public func readNew(timeout: Duration = .seconds(30), missingIsEmpty: Bool = false) async throws(KafkaError) -> [ConsumerMessage] {
        // On Tansu the end is the base offset of the last record batch + 1 (see `EndOffsets`);
        // a fetch returns whole batches, so once it is reached, the rest of that batch is
        // already here and the drain below takes it.
        let end: Int64
        do {
            end = try await admin.watermarks(topic: topic, partition: 0).high
        } catch where missingIsEmpty && error.code == .unknownTopicOrPartition {
            return []
        }
        var read: [ConsumerMessage] = []
        let deadline = ContinuousClock.now + timeout
        while nextOffset < end {
            guard ContinuousClock.now < deadline else {
                throw KafkaError(code: .timedOut, message: "\(topic): read to \(nextOffset) of \(end) within \(timeout)")
            }
            read += take(try await consumer.poll(maxMessages: 10_000, timeout: .milliseconds(100)))
        }
        if end > 0 { read += take(try await consumer.poll(maxMessages: 10_000, timeout: .zero)) }
        return read
    }

    private func take(_ batch: ConsumerBatch) -> [ConsumerMessage] {
        var taken: [ConsumerMessage] = []
        for message in batch.messages where message.offset >= nextOffset {
            nextOffset = message.offset + 1
            taken.append(message)
        }
        return taken
    }

    /// The current end offset of the log.
    public func end() async throws(KafkaError) -> Int64 {
        do {
            return try await admin.watermarks(topic: topic, partition: 0).high
        } catch where error.code == .unknownTopicOrPartition {
            return 0
        }
    }

    /// Appends `(key, value)` records in order and waits for the broker.
    public func append(_ records: [(key: [UInt8], value: [UInt8])]) async throws(KafkaError) {
        let producer: KafkaProducer
        if let existing = self.producer {
            producer = existing
        } else {
            producer = try KafkaProducer(config: ProducerConfig(client: client))
            self.producer = producer
        }
        let reports = try await producer.send(records.map { ProducerRecord(topic: topic, partition: 0, key: $0.key, value: $0.value) })
        if let error = reports.firstError { throw error }
    }

    /// Closes the Kafka clients.
    public func close() async {
        await consumer.close()
        await producer?.close()
    }
}
