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
        let admin = try KafkaAdmin(client: client)
        let partitions = Int32(try await admin.listTopics().first { $0.name == topic }?.partitions ?? 0)
        guard partitions > 0 else { return 0 }
        let found = try await EndOffsets(client: client).read((0..<partitions).map { TopicPartition(topic: topic, partition: $0) })
        var ends: [Int32: Int64] = [:]
        for (position, end) in found where end > 0 { ends[position.partition] = end }
        guard !ends.isEmpty else { return 0 }
        let total = ends.values.reduce(0, +)
        var config = ConsumerConfig(client: client)
        config.reportEndOfPartition = true
        let consumer = try KafkaConsumer(config: config)
        try consumer.assign(ends.keys.sorted().map { TopicPartitionOffset(topic: topic, partition: $0, offset: .beginning) })
        var next: [Int32: Int64] = [:]
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
            for message in batch.messages where message.offset < (ends[message.partition] ?? 0) {
                next[message.partition] = message.offset + 1
                read += 1
                handle(message)
            }
            // The end may be a transaction marker that is never delivered as a message.
            for eof in batch.endOfPartition { next[eof.partition] = max(next[eof.partition] ?? 0, ends[eof.partition] ?? 0) }
            if !batch.messages.isEmpty { lastArrival = .now }
            if read - reported >= 50_000 {
                reported = read
                progress?(topic, read, total)
            }
            guard ContinuousClock.now - lastArrival < idleTimeout else {
                await consumer.close()
                throw KafkaError(code: .timedOut, message: "\(topic): read \(read) of \(total) records, then nothing for \(idleTimeout); is the broker up?")
            }
        }
        await consumer.close()
        progress?(topic, read, total)
        return read
    }
}
