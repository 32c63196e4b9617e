import CRdKafka
import Logging

/// Reads records from Kafka: group subscription or explicit assignment, batched polls,
/// offsets stored only when the caller marks messages processed, explicit commits.
///
/// Every blocking call (poll with a timeout, commit, seek, close) runs on the consumer's own
/// serial queue, never on the Swift cooperative pool.
public final class KafkaConsumer: Sendable {
    /// The settings this consumer was created with.
    public let config: ConsumerConfig
    let handle: RdKafkaHandle
    private let queue: BlockingQueue
    private let reader: MessageReader

    /// Creates a consumer; fails with `invalidArgument` naming any property librdkafka refuses.
    public init(config: ConsumerConfig, logger: Logger = Logger(label: "shuniu.kafka.consumer")) throws(KafkaError) {
        self.config = config
        let context = ClientContext(logger: logger, rebalanceListener: config.onRebalance,
                                    startPositions: config.startPositions)
        handle = try RdKafkaHandle(type: RD_KAFKA_CONSUMER, properties: config.librdkafkaProperties,
                                   context: context) { conf in
            rd_kafka_conf_set_rebalance_cb(conf) { rk, err, partitions, _ in
                guard let rk else { return }
                Rebalance.handle(rk: rk, err: err, partitions: partitions)
            }
        }
        rd_kafka_poll_set_consumer(handle.pointer)
        queue = BlockingQueue(label: "shuniu.kafka.consumer.\(config.groupID ?? "reader")")
        reader = MessageReader(handle: handle)
    }

    /// Joins the group and follows `topics` (rebalances are handled for you).
    public func subscribe(_ topics: [String]) throws(KafkaError) {
        let list = PartitionList(topics.map { TopicPartitionOffset(topic: $0, partition: RD_KAFKA_PARTITION_UA, offset: .stored) })
        let err = rd_kafka_subscribe(handle.pointer, list.pointer)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, "subscribe to \(topics.joined(separator: ","))") }
    }

    /// Reads exactly these partitions from these positions, without group membership.
    public func assign(_ partitions: [TopicPartitionOffset]) throws(KafkaError) {
        let list = PartitionList(partitions)
        let err = rd_kafka_assign(handle.pointer, list.pointer)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, "assign") }
    }

    /// The partitions currently assigned to this consumer.
    public func assignment() throws(KafkaError) -> [TopicPartition] {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        let err = rd_kafka_assignment(handle.pointer, &list)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, "assignment") }
        guard let list else { return [] }
        return PartitionList(owning: list).entries.map { TopicPartition(topic: $0.topic, partition: $0.partition) }
    }

    /// Waits up to `timeout` for a first message, then takes whatever else is ready, up to
    /// `maxMessages`. Throws only on a fatal consumer error.
    public func poll(maxMessages: Int = 5_000, timeout: Duration = .milliseconds(200)) async throws(KafkaError) -> ConsumerBatch {
        try await queue.run { [reader] () throws(KafkaError) -> ConsumerBatch in
            try reader.read(maxMessages: maxMessages, timeoutMilliseconds: Int32(clamping: timeout.milliseconds))
        }
    }

    /// Marks everything up to and including these messages as processed: their offsets are
    /// stored and go out with the next `commit()` (or a revocation).
    public func markProcessed(_ messages: some Sequence<ConsumerMessage>) throws(KafkaError) {
        var next: [TopicPartition: Int64] = [:]
        for message in messages {
            let key = TopicPartition(topic: message.topic, partition: message.partition)
            next[key] = max(next[key] ?? -1, message.offset + 1)
        }
        try storeOffsets(next.map { TopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: KafkaOffset($0.value)) })
    }

    /// Stores explicit next-offsets (the offset of the next record to read) for commit.
    public func storeOffsets(_ offsets: [TopicPartitionOffset]) throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        let list = PartitionList(offsets)
        let err = rd_kafka_offsets_store(handle.pointer, list.pointer)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, "store offsets") }
        if let error = list.firstError("store offset") { throw error }
    }

    /// Commits the stored offsets and waits for the broker's answer.
    public func commit() async throws(KafkaError) {
        try await queue.run { [handle] () throws(KafkaError) in
            let err = rd_kafka_commit(handle.pointer, nil, 0)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__NO_OFFSET {
                throw KafkaError(err, "commit")
            }
        }
    }

    /// The group's committed offsets for these partitions (`-1001` where none is committed).
    public func committed(_ partitions: [TopicPartition], timeout: Duration = .seconds(10)) async throws(KafkaError) -> [TopicPartitionOffset] {
        try await queue.run { [handle] () throws(KafkaError) -> [TopicPartitionOffset] in
            let list = PartitionList(partitions.map { TopicPartitionOffset(topic: $0.topic, partition: $0.partition, offset: .stored) })
            let err = rd_kafka_committed(handle.pointer, list.pointer, Int32(clamping: timeout.milliseconds))
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, "committed offsets") }
            return list.entries
        }
    }

    /// Moves the read position of assigned partitions (for replays).
    public func seek(_ positions: [TopicPartitionOffset], timeout: Duration = .seconds(10)) async throws(KafkaError) {
        try await queue.run { [handle] () throws(KafkaError) in
            let list = PartitionList(positions)
            if let error = rd_kafka_seek_partitions(handle.pointer, list.pointer, Int32(clamping: timeout.milliseconds)) {
                throw KafkaError(consuming: error, "seek")
            }
            if let error = list.firstError("seek") { throw error }
        }
    }

    /// The low and high watermarks of a partition, asked of the broker.
    public func watermarks(topic: String, partition: Int32, timeout: Duration = .seconds(10)) async throws(KafkaError) -> Watermarks {
        try await queue.run { [handle] () throws(KafkaError) -> Watermarks in
            try Watermarks.query(handle: handle, topic: topic, partition: partition, timeout: timeout)
        }
    }

    /// Leaves the group: revoked partitions commit their stored offsets, then the member
    /// leaves so the others take over at once. Idempotent.
    public func close() async {
        try? await queue.run { [handle] () throws(KafkaError) in
            _ = handle.closeConsumer()
        }
    }
}

extension Watermarks {
    /// Asks the broker for a partition's watermarks. Blocking.
    static func query(handle: RdKafkaHandle, topic: String, partition: Int32, timeout: Duration) throws(KafkaError) -> Watermarks {
        var low: Int64 = 0
        var high: Int64 = 0
        let err = rd_kafka_query_watermark_offsets(handle.pointer, topic, partition, &low, &high,
                                                   Int32(clamping: timeout.milliseconds))
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, "watermarks of \(topic)[\(partition)]") }
        return Watermarks(low: low, high: high)
    }
}
