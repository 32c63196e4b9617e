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
/// are stored after each write and committed once per `progressInterval` and at the end, so lag
/// shows on the cluster too (a stdout subscriber, which keeps no positions, may repeat up to
/// one interval's records after a crash: at least once).
///
/// The sink writes a batch on a thread of its own while the loop polls and checks the next one
/// (one write at a time, in order).
///
/// Without `follow`, the service stops once every partition of the topic has been read to its
/// end; with it, it runs until graceful shutdown.
public final class SubscriberService: Service, Sendable {
    private let config: SubscriberConfig
    private let logger: Logger
    private let makeSink: @Sendable () throws -> any DeliverySink
    private let onProgress: @Sendable (SubscriberCounters) -> Void
    private let totals = Mutex(SubscriberCounters())
    /// Whether a lag measurement is under way (one at a time).
    private let lagInFlight = Mutex(false)

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
        var uncommitted = false
        var measuring: Task<Void, Never>?
        // The batch the sink is writing while the loop reads the next one, and the offset
        // after the last record handed to the sink per partition (ahead of `book`, which
        // advances once a write is done).
        let writer = SinkWriter(sink)
        var writing: (task: Task<SinkResult, any Error>, batch: SubscriberBatch, step: SubscriberCounters, done: WriteDone)?
        var handed: [TopicPartition: Int64] = [:]
        // Group commit: what was polled while the sink was busy, handed over as one batch when it
        // is free (or the group is full). A sink that keeps up writes each poll as it comes; one
        // that falls behind writes fewer, larger transactions, which cost less per record (a
        // commit writes every page it dirtied, and records of many subjects dirty many pages).
        var pending = SubscriberBatch()
        var pendingStep = SubscriberCounters()
        var pendingRecords = 0
        /// Waits for the write under way, then counts it and stores its offsets for the group.
        func settle() async throws {
            guard let (task, batch, counted, _) = writing else { return }
            writing = nil
            let result = try await task.value
            book.advance(batch.positions)
            var step = counted
            step.written = result.written
            step.duplicates = result.duplicates
            step.refused = batch.refusals.count
            totals.withLock { $0.add(step) }
            // The group's offsets are for lag on the cluster (and stdout's resume); the sink's
            // positions are the truth, so a failed store (e.g. a partition just revoked) is only
            // worth a warning.
            do {
                try consumer.storeOffsets(batch.positions.map {
                    TopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: KafkaOffset($0.value))
                })
                uncommitted = true
            } catch {
                logger.warning("storing the group's offsets failed (positions are kept by the sink): \(error)")
            }
        }
        /// Waits for the write under way, then hands everything pending to the sink.
        func handOver() async throws {
            try await settle()
            guard !pending.positions.isEmpty else { return }
            let (batch, step, done) = (pending, pendingStep, WriteDone())
            writing = (Task {
                defer { done.mark() }
                return try await writer.write(batch)
            }, batch, step, done)
            pending = SubscriberBatch()
            pendingStep = SubscriberCounters()
            pendingRecords = 0
        }
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
                if let next = handed[key] ?? book.next(key), message.offset < next {
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
            if batch.positions.isEmpty {
                totals.withLock { $0.add(step) }
            } else {
                handed.merge(batch.positions) { _, new in new }
                pending.deliveries += batch.deliveries
                pending.refusals += batch.refusals
                pending.positions.merge(batch.positions) { _, new in new }
                pendingStep.add(step)
                pendingRecords += batch.deliveries.count + batch.refusals.count
            }
            let finished = !config.follow && atEnd.isSuperset(of: partitions)
            let sinkFree = writing?.done.isDone ?? true
            if finished || sinkFree || pendingRecords >= config.maxGrouped { try await handOver() }
            if finished { try await settle() }
            if finished || ContinuousClock.now - lastProgress >= config.progressInterval {
                lastProgress = ContinuousClock.now
                // One commit per progress interval, not per batch: a commit waits for the broker,
                // and the sink already holds the positions durably.
                if uncommitted {
                    await commit(consumer)
                    uncommitted = false
                }
                // Measuring the lag reads each partition's end from the broker (hundreds of ms
                // on the dev broker: measured, half of the subscriber's time when it was in
                // line), so it runs beside the loop; the last one, when the stream is done, is
                // awaited so the final figure is exact.
                if finished {
                    await measuring?.value
                    await measureLag(ends: ends, partitions: partitions, book: book, consumer: consumer)
                } else if measuring == nil || lagInFlight.withLock({ !$0 }) {
                    lagInFlight.withLock { $0 = true }
                    measuring = Task {
                        await self.measureLag(ends: ends, partitions: partitions, book: book, consumer: consumer)
                        self.lagInFlight.withLock { $0 = false }
                    }
                }
                onProgress(counters)
            }
            if finished { break }
        }
        try await handOver()
        try await settle()
        await measuring?.value
        if uncommitted { await commit(consumer) }
        await consumer.close()
        let final = counters
        logger.info("subscriber \(config.department) stopped: \(final.line)")
    }

    /// Commits the stored offsets; a failure is a warning (the sink's positions are the truth).
    private func commit(_ consumer: KafkaConsumer) async {
        do {
            try await consumer.commit()
        } catch {
            logger.warning("group commit failed (positions are kept by the sink): \(error)")
        }
    }

    /// Measures the lag into the counters. The lag is a figure for people: a slow or failed
    /// measurement (a busy broker) must not stop the subscriber.
    private func measureLag(ends: EndOffsets, partitions: [TopicPartition], book: PositionBook, consumer: KafkaConsumer) async {
        do {
            let measured = try await lag(ends: ends, partitions: partitions, book: book, consumer: consumer)
            totals.withLock { $0.lag = measured }
        } catch {
            logger.warning("lag not measured: \(error)")
        }
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

/// Set when a batch's write has ended (done or failed): the loop hands the next group over
/// without waiting when it is.
private final class WriteDone: Sendable {
    private let flag = Atomic(false)

    var isDone: Bool { flag.load(ordering: .acquiring) }

    func mark() { flag.store(true, ordering: .releasing) }
}
