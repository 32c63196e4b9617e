import Logging
import ServiceLifecycle
import Synchronization
import ShuniuKafka
import ShuniuModel
import ShuniuStreams

/// The projector: reads a target's `src.` topics and applies them to its store (the
/// libraries' ``LibraryStore``, the credit library...), with the source positions in the same
/// transaction as the rows.
///
/// It assigns every source partition itself at the position the store holds (no consumer
/// group: the store, not the broker, is the record of progress), so a restart after any
/// crash resumes exactly after the last committed batch — exactly-once in effect without
/// broker transactions. Polling and decoding the next batch overlaps the store writing the
/// previous one. One projector writes one store; scale-out is a store per instance or the
/// PostgreSQL store with partitions split between instances.
public final class ProjectorService<Target: ProjectionTarget>: Service {
    private let config: ProjectorConfig
    /// What it projects into.
    public let target: Target
    private let logger: Logger
    private let totals = Mutex(ProjectorCounters())
    private let queue = StoreQueue(label: "shuniu.projector.store")

    /// A projector into `target`.
    public init(config: ProjectorConfig, target: Target, logger: Logger) {
        self.config = config
        self.target = target
        self.logger = logger
    }

    /// What the projector has done since it started.
    public var counters: ProjectorCounters { totals.withLock { $0 } }

    public func run() async throws {
        let clock = ContinuousClock()
        let began = clock.now
        let target = self.target
        let partitions = try await sourcePartitions(target.sourceTopics)
        let stored = try await queue.run { try target.positions() }
        var consumerConfig = ConsumerConfig(client: config.client)
        consumerConfig.reportEndOfPartition = true
        let consumer = try KafkaConsumer(config: consumerConfig, logger: logger)
        try consumer.assign(partitions.map {
            TopicPartitionOffset(topic: $0.topic, partition: $0.partition, offset: stored[$0].map(KafkaOffset.init) ?? .beginning)
        })
        let found = try await EndOffsets(client: config.client).read(partitions.map { TopicPartition(topic: $0.topic, partition: $0.partition) })
        let current = Dictionary(uniqueKeysWithValues: found.map { (SourcePartition(topic: $0.key.topic, partition: $0.key.partition), $0.value) })
        if let ahead = stored.filter({ $0.value > current[$0.key, default: 0] }).min(by: { $0.key < $1.key }) {
            throw ProjectorError(code: "ahead-of-topic", message: """
                the store has projected \(ahead.key) up to offset \(ahead.value) but the topic ends at \(current[ahead.key, default: 0]): \
                the broker's topics were recreated or reset; rebuild the store from the topics (shuniu project rebuild) or remove it
                """)
        }
        let ends: [SourcePartition: Int64]? = config.follow ? nil : current
        logger.debug("projector: partitions, positions and ends found in \(clock.now - began)")
        logger.info("projector started: \(partitions.count) source partitions, \(stored.count) resumed from the store")
        let until = ends
        do {
            try await cancelWhenGracefulShutdown {
                try await self.project(consumer: consumer, from: stored, until: until)
            }
        } catch is CancellationError {
            logger.info("projector stopping")
        }
        let closing = clock.now
        await consumer.close()
        logger.debug("projector: consumer closed in \(clock.now - closing)")
        let final = counters
        logger.info("projector stopped: read \(final.read), applied \(final.applied), stale \(final.stale), rejected \(final.rejected); \(final.stages)")
    }

    /// Polls, decodes and hands batches to the store until cancelled or, with `until`, until
    /// every partition reached its end. Three stages overlap: the consumer polls the next
    /// batch while this one is decoded and the store writes earlier ones (``GroupCommit``).
    /// What is decoded is always written before returning, also when cancelled, and a poll
    /// under way is waited for before the consumer closes.
    private func project(consumer: KafkaConsumer, from stored: [SourcePartition: Int64],
                         until ends: [SourcePartition: Int64]?) async throws {
        var next = stored
        var store = GroupCommit(target: target, queue: queue, maxGrouped: config.maxGrouped) { [self] transaction in
            // `project` runs in one task and the store value never leaves it: no cycle, no race.
            self.totals.withLock {
                $0.storing += transaction.storing
                $0.applied += transaction.outcome.applied
                $0.stale += transaction.outcome.stale
                $0.batches += 1
            }
        }
        let (batchSize, pollTimeout) = (config.batchSize, config.pollTimeout)
        func startPoll() -> Task<ConsumerBatch, any Error> {
            Task { try await consumer.poll(maxMessages: batchSize, timeout: pollTimeout) }
        }
        func reachedEnds() -> Bool { ends.map { $0.allSatisfy { next[$0.key, default: 0] >= $0.value } } ?? false }
        var polling: Task<ConsumerBatch, any Error>?
        do {
            while !Task.isCancelled {
                if reachedEnds() { break }
                let waitedFrom = ContinuousClock.now
                let polled = try await (polling ?? startPoll()).value
                polling = nil
                let polledAt = ContinuousClock.now
                if let ends {
                    for eof in polled.endOfPartition {
                        let partition = SourcePartition(topic: eof.topic, partition: eof.partition)
                        next[partition] = max(next[partition, default: 0], ends[partition, default: 0])
                    }
                }
                if !reachedEnds() && !Task.isCancelled { polling = startPoll() }
                guard !polled.messages.isEmpty else {
                    try await store.writeHeldIfIdle()
                    continue
                }
                try await target.prepare(polled.messages)
                let (changes, progress) = target.batch(polled.messages)
                for entry in progress {
                    next[SourcePartition(topic: entry.topic, partition: entry.partition)] = entry.next
                }
                let decoded = ContinuousClock.now
                try await store.add(changes, progress: progress)
                let handedOver = ContinuousClock.now
                totals.withLock {
                    $0.read += progress.reduce(0) { $0 + $1.read }
                    $0.rejected += progress.reduce(0) { $0 + $1.rejected }
                    $0.polledBatches += 1
                    $0.pollWait += polledAt - waitedFrom
                    $0.decoding += decoded - polledAt
                    $0.storeWait += handedOver - decoded
                }
            }
        } catch {
            _ = try? await polling?.value
            try await store.abandon()
            throw error
        }
        _ = try? await polling?.value
        try await store.flush()
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

extension ProjectorService where Target == LibraryTarget {
    /// A projector of `catalogue`'s library themes into `store`.
    public convenience init(config: ProjectorConfig, catalogue: Catalogue, store: any LibraryStore, logger: Logger) {
        self.init(config: config, target: LibraryTarget(catalogue: catalogue, store: store), logger: logger)
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
