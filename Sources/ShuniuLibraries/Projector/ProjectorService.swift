import Logging
import ServiceLifecycle
import Synchronization
import ShuniuKafka
import ShuniuModel
import ShuniuStreams

/// The projector: reads the library themes' `src.` topics and applies them to a
/// ``LibraryStore``, with the source positions in the same transaction as the rows.
///
/// It assigns every source partition itself at the position the store holds (no consumer
/// group: the store, not the broker, is the record of progress), so a restart after any
/// crash resumes exactly after the last committed batch — exactly-once in effect without
/// broker transactions. Polling and decoding the next batch overlaps the store writing the
/// previous one. One projector writes one store; scale-out is a store per instance or the
/// PostgreSQL store with partitions split between instances.
public final class ProjectorService: Service {
    private let config: ProjectorConfig
    private let catalogue: Catalogue
    private let store: any LibraryStore
    private let logger: Logger
    private let totals = Mutex(ProjectorCounters())
    private let queue = StoreQueue(label: "shuniu.projector.store")

    /// A projector of `catalogue`'s library themes into `store`.
    public init(config: ProjectorConfig, catalogue: Catalogue, store: any LibraryStore, logger: Logger) {
        self.config = config
        self.catalogue = catalogue
        self.store = store
        self.logger = logger
    }

    /// What the projector has done since it started.
    public var counters: ProjectorCounters { totals.withLock { $0 } }

    public func run() async throws {
        let projection = Projection(catalogue: catalogue)
        let partitions = try await sourcePartitions(projection.sourceTopics)
        let store = self.store
        let stored = try await queue.run { try store.positions() }
        var consumerConfig = ConsumerConfig(client: config.client)
        consumerConfig.reportEndOfPartition = true
        let consumer = try KafkaConsumer(config: consumerConfig, logger: logger)
        try consumer.assign(partitions.map {
            TopicPartitionOffset(topic: $0.topic, partition: $0.partition, offset: stored[$0].map(KafkaOffset.init) ?? .beginning)
        })
        var ends: [SourcePartition: Int64]?
        if !config.follow {
            let found = try await EndOffsets(client: config.client).read(partitions.map { TopicPartition(topic: $0.topic, partition: $0.partition) })
            ends = Dictionary(uniqueKeysWithValues: found.map { (SourcePartition(topic: $0.key.topic, partition: $0.key.partition), $0.value) })
        }
        logger.info("projector started: \(partitions.count) source partitions, \(stored.count) resumed from the store")
        let until = ends
        do {
            try await cancelWhenGracefulShutdown {
                try await self.project(consumer: consumer, projection: projection, from: stored, until: until)
            }
        } catch is CancellationError {
            logger.info("projector stopping")
        }
        await consumer.close()
        let final = counters
        logger.info("projector stopped: read \(final.read), applied \(final.applied), stale \(final.stale), rejected \(final.rejected)")
    }

    /// Polls, decodes and hands batches to the store until cancelled or, with `until`, until
    /// every partition reached its end. The store writes batch N while batch N+1 is decoded;
    /// the last batch is always waited for, also when cancelled.
    private func project(consumer: KafkaConsumer, projection: Projection, from stored: [SourcePartition: Int64],
                         until ends: [SourcePartition: Int64]?) async throws {
        var next = stored
        var inFlight: Task<ApplyOutcome, any Error>?
        let store = self.store
        do {
            while !Task.isCancelled {
                if let ends, ends.allSatisfy({ next[$0.key, default: 0] >= $0.value }) { break }
                let polled = try await consumer.poll(maxMessages: config.batchSize, timeout: config.pollTimeout)
                if let ends {
                    for eof in polled.endOfPartition {
                        let partition = SourcePartition(topic: eof.topic, partition: eof.partition)
                        next[partition] = max(next[partition, default: 0], ends[partition, default: 0])
                    }
                }
                guard !polled.messages.isEmpty else { continue }
                let batch = Self.batch(polled.messages, projection: projection)
                for progress in batch.progress {
                    next[SourcePartition(topic: progress.topic, partition: progress.partition)] = progress.next
                }
                if let previous = inFlight { try await finish(previous) }
                inFlight = Task { try await self.queue.run { try store.apply(batch) } }
                totals.withLock {
                    $0.read += batch.progress.reduce(0) { $0 + $1.read }
                    $0.rejected += batch.progress.reduce(0) { $0 + $1.rejected }
                }
            }
        } catch {
            if let previous = inFlight { try await finish(previous) }
            throw error
        }
        if let previous = inFlight { try await finish(previous) }
    }

    private func finish(_ apply: Task<ApplyOutcome, any Error>) async throws {
        let outcome = try await apply.value
        totals.withLock {
            $0.applied += outcome.applied
            $0.stale += outcome.stale
            $0.batches += 1
        }
    }

    /// The store batch for polled records: their changes and each partition's progress.
    static func batch(_ messages: [ConsumerMessage], projection: Projection) -> ProjectionBatch {
        var batch = ProjectionBatch()
        batch.changes.reserveCapacity(messages.count)
        var progress: [SourcePartition: PartitionProgress] = [:]
        for message in messages {
            let partition = SourcePartition(topic: message.topic, partition: message.partition)
            var entry = progress[partition] ?? PartitionProgress(topic: message.topic, partition: message.partition, next: 0)
            entry.next = message.offset + 1
            entry.read += 1
            switch projection.change(key: message.key, headers: message.envelopeHeaders, value: message.value,
                                     topic: message.topic, partition: message.partition, offset: message.offset) {
            case .success(let change): batch.changes.append(change)
            case .failure: entry.rejected += 1
            }
            progress[partition] = entry
        }
        batch.progress = progress.values.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
        return batch
    }

    private func sourcePartitions(_ topics: [String]) async throws -> [SourcePartition] {
        let admin = try KafkaAdmin(client: config.client)
        let listed = try await admin.listTopics()
        var partitions: [SourcePartition] = []
        for topic in topics {
            guard let found = listed.first(where: { $0.name == topic }) else {
                throw ProjectorError(code: "missing-topic", message: "topic \(topic) does not exist on \(config.client.bootstrapServers); run `shuniu topics apply` first")
            }
            partitions += (0..<Int32(found.partitions)).map { SourcePartition(topic: topic, partition: $0) }
        }
        return partitions
    }
}

/// A projector failure, with a stable code and the fix in its message.
public struct ProjectorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable code.
    public var code: String
    /// What went wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
