import Logging
import ServiceLifecycle
import ShuniuKafka
import ShuniuModel
import ShuniuStreams
import Synchronization

/// A department's subscriber as a service: consumes `sub.<department>` in the group
/// `shuniu-sub.<department>`, checks every record (`DeliveryCheck`), and writes each batch with
/// its positions through the sink in one durable step. The sink's positions, not the group's
/// commits, decide where reading starts (they are written with the data); the group's offsets
/// are committed after each write, so lag shows on the cluster too.
///
/// Without `follow`, the service stops once every partition of the topic has been read to its
/// end; with it, it runs until graceful shutdown.
public final class SubscriberService: Service, Sendable {
    private let config: SubscriberConfig
    private let logger: Logger
    private let makeSink: @Sendable () throws -> any DeliverySink
    private let onProgress: @Sendable (SubscriberCounters) -> Void
    private let totals = Mutex(SubscriberCounters())

    /// A subscriber writing through the sink `makeSink` opens (on the service's task).
    public init(config: SubscriberConfig, logger: Logger = Logger(label: "shuniu.subscriber"),
                sink makeSink: @escaping @Sendable () throws -> any DeliverySink,
                onProgress: @escaping @Sendable (SubscriberCounters) -> Void = { _ in }) {
        self.config = config
        self.logger = logger
        self.makeSink = makeSink
        self.onProgress = onProgress
    }

    /// The counters so far.
    public var counters: SubscriberCounters { totals.withLock { $0 } }

    public func run() async throws {
        let sink = try makeSink()
        let admin = try KafkaAdmin(client: config.client)
        guard let partitionCount = try await admin.listTopics().first(where: { $0.name == config.topic })?.partitions else {
            throw SubscriberError(code: "no-topic", message: "\(config.topic) does not exist on \(config.client.bootstrapServers): check --as (a department of the catalogue) and run `shuniu topics apply`")
        }
        let book = PositionBook(sink.positions)
        var consumerConfig = ConsumerConfig(client: config.client, groupID: config.groupID)
        consumerConfig.reportEndOfPartition = true
        if sink.positions != nil {
            consumerConfig.startPositions = { partitions in book.start(partitions) }
        }
        let consumer = try KafkaConsumer(config: consumerConfig, logger: logger)
        try consumer.subscribe([config.topic])
        let ends = try EndOffsets(client: config.client)
        let partitions = (0..<Int32(partitionCount)).map { TopicPartition(topic: config.topic, partition: $0) }
        logger.info("subscriber \(config.department) reading \(config.topic) (\(partitionCount) partitions) in group \(config.groupID)")

        var atEnd = Set<TopicPartition>()
        var lastProgress = ContinuousClock.now - config.progressInterval
        // Polls time out every 200 ms, so a shutdown request is seen at once.
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let polled = try await consumer.poll(maxMessages: config.batchSize, timeout: .milliseconds(200))
            for error in polled.errors {
                // 29/30: TOPIC_/GROUP_AUTHORIZATION_FAILED: the broker's ACLs refuse this principal;
                // retrying cannot help, so stop with the reason instead of waiting for ever.
                if error.code.rawValue == 29 || error.code.rawValue == 30 {
                    throw SubscriberError(code: "not-authorized", message: "\(error): the broker refuses \(config.topic) or the group \(config.groupID) to this principal; check --sasl-user and `shuniu acl plan` (the department needs a grant in force)")
                }
                logger.warning("\(error)")
            }
            var batch = SubscriberBatch()
            var step = SubscriberCounters()
            for message in polled.messages {
                let key = TopicPartition(topic: message.topic, partition: message.partition)
                atEnd.remove(key)
                step.read += 1
                if let next = book.next(key), message.offset < next {
                    step.skipped += 1
                    continue
                }
                batch.positions[key] = message.offset + 1
                switch DeliveryCheck.check(message) {
                case .success(let delivery): batch.deliveries.append(delivery)
                case .failure(let refusal):
                    logger.error("refused \(refusal)")
                    batch.refusals.append(refusal)
                }
            }
            atEnd.formUnion(polled.endOfPartition)
            if !batch.positions.isEmpty {
                let result = try sink.write(batch)
                book.advance(batch.positions)
                step.written = result.written
                step.duplicates = result.duplicates
                step.refused = batch.refusals.count
                // The group's commit is for lag on the cluster (and stdout's resume); the sink's
                // positions are the truth, so a failed commit (e.g. a partition just revoked) is
                // only worth a warning.
                do {
                    try consumer.storeOffsets(batch.positions.map {
                        TopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: KafkaOffset($0.value))
                    })
                    try await consumer.commit()
                } catch {
                    logger.warning("group commit failed (positions are kept by the sink): \(error)")
                }
            }
            totals.withLock { $0.add(step) }
            let finished = !config.follow && atEnd.isSuperset(of: partitions)
            if finished || ContinuousClock.now - lastProgress >= config.progressInterval {
                lastProgress = ContinuousClock.now
                // The lag is a figure for people: a slow or failed measurement (a busy broker)
                // must not stop the subscriber.
                do {
                    let measured = try await lag(ends: ends, partitions: partitions, book: book, consumer: consumer)
                    totals.withLock { $0.lag = measured }
                } catch {
                    logger.warning("lag not measured: \(error)")
                }
                onProgress(counters)
            }
            if finished { break }
        }
        await consumer.close()
        let final = counters
        logger.info("subscriber \(config.department) stopped: \(final.line)")
    }

    /// Records on the topic past what the sink holds (or the group committed, for stdout).
    private func lag(ends: EndOffsets, partitions: [TopicPartition], book: PositionBook,
                     consumer: KafkaConsumer) async throws -> Int64 {
        let end = try await ends.read(partitions)
        var committed: [TopicPartition: Int64] = [:]
        if !book.isKept {
            for entry in try await consumer.committed(partitions) {
                committed[TopicPartition(topic: entry.topic, partition: entry.partition)] = max(0, entry.offset.rawValue)
            }
        }
        return partitions.reduce(0) { lag, partition in
            let position = book.isKept ? (book.next(partition) ?? 0) : (committed[partition] ?? 0)
            return lag + max(0, (end[partition] ?? 0) - position)
        }
    }
}

extension SubscriberCounters {
    mutating func add(_ other: SubscriberCounters) {
        read += other.read
        written += other.written
        duplicates += other.duplicates
        refused += other.refused
        skipped += other.skipped
    }
}

/// The sink's positions, shared with the rebalance callback (which runs on the consumer's
/// thread) to start each assigned partition where the sink stands.
final class PositionBook: Sendable {
    private let positions: Mutex<[TopicPartition: Int64]>
    /// Whether the sink keeps positions (a file or a mirror) or not (stdout).
    let isKept: Bool

    init(_ initial: [TopicPartition: Int64]?) {
        positions = Mutex(initial ?? [:])
        isKept = initial != nil
    }

    /// Where to start: the sink's next offset, or the beginning for a partition it never saw.
    func start(_ partitions: [TopicPartition]) -> [TopicPartition: KafkaOffset] {
        positions.withLock { known in
            Dictionary(uniqueKeysWithValues: partitions.map { ($0, known[$0].map(KafkaOffset.init) ?? .beginning) })
        }
    }

    func next(_ partition: TopicPartition) -> Int64? { positions.withLock { $0[partition] } }

    func advance(_ next: [TopicPartition: Int64]) {
        positions.withLock { $0.merge(next) { _, new in new } }
    }
}
