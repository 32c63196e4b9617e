import ShuniuKafka

/// Reads whole topics, from the beginning of every partition to its true end (`EndOffsets`,
/// which corrects the dev broker's ListOffsets answer), handing each record to the caller as
/// it arrives so a large topic never has to sit in memory at once.
///
/// The audit commands (`audit verify`, `audit who-received`, `replay`, `evaluate`) read every
/// topic they need through this one reader.
public struct TopicScan: Sendable {
    /// Progress of a scan: records read so far out of the topic's records at the start.
    public typealias Progress = @Sendable (_ topic: String, _ read: Int64, _ total: Int64) -> Void

    private let client: KafkaClientConfig
    private let progress: Progress?

    /// A reader on the cluster `client` names; `progress` is called about every 50 000 records.
    public init(client: KafkaClientConfig, progress: Progress? = nil) {
        self.client = client
        self.progress = progress
    }

    /// Reads every record of `topic` up to the end it has when the scan starts; returns how
    /// many were read. A topic that does not exist reads as empty. Records of a partition
    /// arrive in offset order.
    @discardableResult
    public func scan(_ topic: String, idleTimeout: Duration = .seconds(30),
                     _ handle: (ConsumerMessage) -> Void) async throws(KafkaError) -> Int64 {
        try await scan([topic], idleTimeout: idleTimeout, handle)
    }

    /// Reads several topics at once (one reader, one end-offset query: much faster than one
    /// scan per topic); records of each partition arrive in offset order, partitions interleaved.
    @discardableResult
    public func scan(_ topics: [String], idleTimeout: Duration = .seconds(30),
                     _ handle: (ConsumerMessage) -> Void) async throws(KafkaError) -> Int64 {
        let admin = try KafkaAdmin(client: client)
        let listed = try await admin.listTopics()
        var partitions: [TopicPartition] = []
        for topic in topics {
            let count = Int32(listed.first { $0.name == topic }?.partitions ?? 0)
            partitions += (0..<count).map { TopicPartition(topic: topic, partition: $0) }
        }
        guard !partitions.isEmpty else { return 0 }
        let ends = try await EndOffsets(client: client).read(partitions).filter { $0.value > 0 }
        guard !ends.isEmpty else { return 0 }
        let total = ends.values.reduce(0, +)
        let name = topics.count == 1 ? topics[0] : "\(topics.count) topics"
        var config = ConsumerConfig(client: client)
        config.reportEndOfPartition = true
        let consumer = try KafkaConsumer(config: config)
        try consumer.assign(ends.keys.map { TopicPartitionOffset(topic: $0.topic, partition: $0.partition, offset: .beginning) })
        var next: [TopicPartition: Int64] = [:]
        var read: Int64 = 0
        var reported: Int64 = 0
        var lastArrival = ContinuousClock.now
        while ends.contains(where: { $0.value > (next[$0.key] ?? 0) }) {
            let batch: ConsumerBatch
            do {
                batch = try await consumer.poll(maxMessages: 10_000, timeout: .milliseconds(200))
            } catch {
                await consumer.close()
                throw error
            }
            for message in batch.messages {
                let key = TopicPartition(topic: message.topic, partition: message.partition)
                guard message.offset < (ends[key] ?? 0) else { continue }
                next[key] = message.offset + 1
                read += 1
                handle(message)
            }
            // The end may be a transaction marker that is never delivered as a message.
            for eof in batch.endOfPartition { next[eof] = max(next[eof] ?? 0, ends[eof] ?? 0) }
            if !batch.messages.isEmpty { lastArrival = .now }
            if read - reported >= 50_000 {
                reported = read
                progress?(name, read, total)
            }
            guard ContinuousClock.now - lastArrival < idleTimeout else {
                await consumer.close()
                throw KafkaError(code: .timedOut, message: "\(name): read \(read) of \(total) records, then nothing for \(idleTimeout); is the broker up?")
            }
        }
        await consumer.close()
        progress?(name, read, total)
        return read
    }
}
