import Logging
import ServiceLifecycle
import ShuniuKafka
import ShuniuModel
import ShuniuStreams
import Synchronization

/// The router as a service: consumes every `src.<theme>`, routes each record with `Router`,
/// produces deliveries, dead letters and audit records, and commits the source offsets only
/// after all of them are acknowledged (at-least-once, stable `ce_id`s).
///
/// Grant changes take effect at batch granularity: before routing a batch, the router reads
/// `ctl.grants` up to the high watermark it asks for at that moment. So every source event it
/// polls after a grant change was acknowledged by the broker is routed under that change.
public final class RouterService: Service, Sendable {
    private let config: RouterConfig
    private let catalogue: Catalogue
    private let logger: Logger
    private let totals = Mutex(RouterCounters())
    private let takeover = Atomic<Bool>(true)

    /// A router over `catalogue`.
    public init(config: RouterConfig, catalogue: Catalogue, logger: Logger = Logger(label: "shuniu.router")) {
        self.config = config
        self.catalogue = catalogue
        self.logger = logger
    }

    /// The counters so far.
    public var counters: RouterCounters { totals.withLock { $0 } }

    public func run() async throws {
        guard let secret = config.secret else { throw HubSecret.Missing.unset }
        let admin = try KafkaAdmin(client: config.client)
        _ = try await TopicPlanner(admin: admin).apply(catalogue)
        let grants = try GrantLog(client: config.client, catalogue: catalogue, secret: secret)
        let auditKey = AuditKey(secret: secret)
        let heads = try AuditHeads(client: config.client, key: auditKey)
        var producerConfig = ProducerConfig(client: config.client)
        // Never time out, never leave a gap: an outage is waited out, and an audit chain on the
        // topic never misses a link (librdkafka raises a fatal error instead of a gap).
        producerConfig.messageTimeout = .zero
        // The record size limit librdkafka enforces matches the one routing applies
        // (`Router.maximumRecordBytes`, `RecordSize`), so no record is refused for its size.
        producerConfig.client.properties["message.max.bytes"] = String(config.maximumRecordBytes)
        if config.exactlyOnce {
            producerConfig.transactionalID = "shuniu-router-\(config.groupID)-\(UInt64.random(in: 0...UInt64.max))"
        } else {
            producerConfig.client.properties["enable.gapless.guarantee"] = "true"
        }
        let producer = try KafkaProducer(config: producerConfig, logger: logger)
        if config.exactlyOnce { try await producer.initTransactions() }
        var consumerConfig = ConsumerConfig(client: config.client, groupID: config.groupID)
        consumerConfig.onRebalance = { [weak self] event in
            if case .assigned = event { self?.takeover.store(true, ordering: .releasing) }
        }
        let consumer = try KafkaConsumer(config: consumerConfig, logger: logger)
        try consumer.subscribe(catalogue.themes.map { Topics.source($0.id) })
        logger.info("router started on \(config.client.bootstrapServers): \(catalogue.themes.count) source topics, group \(config.groupID)")

        let router = Router(catalogue: catalogue, secret: secret, maximumRecordBytes: config.maximumRecordBytes)
        do {
            try await cancelWhenGracefulShutdown {
                var state = RoutingState(router: router, auditKey: auditKey)
                while !Task.isCancelled {
                    try await self.step(state: &state, consumer: consumer, producer: producer, grants: grants,
                                        heads: heads, admin: admin)
                }
                if let last = state.inFlight { try await self.finish(last, consumer: consumer, producer: producer) }
            }
        } catch is CancellationError {
            logger.info("router stopping")
        }
        await producer.close(timeout: .seconds(10))
        await consumer.close()
        await grants.close()
        await heads.close()
        let final = counters
        logger.info("router stopped: read \(final.read), delivered \(final.deliveredTotal), rejected \(final.rejectedTotal)")
    }

    /// One batch: poll, route, hand the outputs to the producer; then wait for the previous
    /// batch's acknowledgements and commit it. Routing batch N+1 overlaps the delivery of
    /// batch N; a batch is committed only once all its outputs are acknowledged.
    private func step(state: inout RoutingState, consumer: KafkaConsumer, producer: KafkaProducer,
                      grants: GrantLog, heads: AuditHeads, admin: KafkaAdmin) async throws {
        let clock = ContinuousClock()
        let batch = try await consumer.poll(maxMessages: config.batchSize, timeout: .milliseconds(200))
        guard !batch.messages.isEmpty else {
            if let previous = state.inFlight { try await finish(previous, consumer: consumer, producer: producer) }
            state.inFlight = nil
            return
        }
        let polled = clock.now
        if takeover.exchange(false, ordering: .acquiringAndReleasing) {
            let read = try await heads.catchUp(admin: admin)
            state.takeOver(seen: await heads.heads, scopes: await heads.scopes)
            let refused = await heads.refused
            logger.info("audit chains taken over after reading \(read) audit records")
            if refused > 0 {
                logger.warning("\(refused) audit record(s) on \(Topics.audit) are not sealed by this hub (forged, or another secret); they were skipped: run `shuniu audit verify`")
            }
        }
        try await grants.catchUp()
        let table = await grants.table
        let caughtUp = clock.now
        let (records, origins, counted) = await route(batch.messages, table: table, state: &state)
        let routed = clock.now
        if config.exactlyOnce {
            try await commitTransactionally(records, batch: batch.messages, counted: counted, consumer: consumer, producer: producer)
            return
        }
        let pending = try await producer.enqueue(records)
        if let previous = state.inFlight { try await finish(previous, consumer: consumer, producer: producer) }
        state.inFlight = InFlightBatch(messages: batch.messages, records: records, origins: origins, delivery: pending, counted: counted)
        logger.debug("batch of \(batch.messages.count): grants \(caughtUp - polled), route \(routed - caughtUp), \(records.count) outputs queued and previous batch committed in \(clock.now - routed)")
    }

    /// Routes a batch, each source partition in a task of its own (on both cores): a subject
    /// always lives in one partition, and each partition has its own scope memory and audit
    /// chain, so the partitions are independent; within one, records keep their order.
    private func route(_ messages: [ConsumerMessage], table: GrantTable,
                       state: inout RoutingState) async -> (records: [ProducerRecord], origins: [SourcePosition], counted: RouterCounters) {
        let groups = Dictionary(grouping: messages) { TopicPartition(topic: $0.topic, partition: $0.partition) }
        let router = state.router
        let limit = config.maximumRecordBytes
        var work: [(TopicPartition, [ConsumerMessage], PartitionState)] = []
        for (partition, group) in groups {
            var start = state.partitionState(partition)
            if start.rebuildScope, let first = group.first {
                start.scope = state.scopes.memory(chain: "\(partition.topic)/\(partition.partition)", before: first.offset)
                start.rebuildScope = false
            }
            work.append((partition, group, start))
        }
        let routed = await withTaskGroup(of: (TopicPartition, PartitionState, [ProducerRecord], [SourcePosition], RouterCounters).self) { tasks in
            for (partition, group, start) in work {
                tasks.addTask {
                    var partitionState = start
                    var records: [ProducerRecord] = []
                    records.reserveCapacity(group.count * 4)
                    var origins: [SourcePosition] = []
                    origins.reserveCapacity(group.count * 4)
                    var counted = RouterCounters()
                    for message in group {
                        let source = SourcePosition(topic: message.topic, partition: message.partition, offset: message.offset)
                        let result = router.decide(key: message.key, headers: message.envelopeHeaders, value: message.value,
                                                   source: source, grants: table, scope: &partitionState.scope)
                        counted.count(result)
                        for decision in result.decisions {
                            if let record = RouterOutput.record(for: decision, message: message, limit: limit) {
                                records.append(record)
                                origins.append(source)
                            }
                        }
                        if let audit = RouterOutput.audit(for: result.decisions, chain: &partitionState.chain) {
                            records.append(audit)
                            origins.append(source)
                        }
                    }
                    return (partition, partitionState, records, origins, counted)
                }
            }
            var results: [(TopicPartition, PartitionState, [ProducerRecord], [SourcePosition], RouterCounters)] = []
            for await result in tasks { results.append(result) }
            return results
        }
        var records: [ProducerRecord] = []
        var origins: [SourcePosition] = []
        var counted = RouterCounters()
        for (partition, partitionState, partitionRecords, partitionOrigins, partitionCounted) in routed {
            state.partitions[partition] = partitionState
            records += partitionRecords
            origins += partitionOrigins
            counted.merge(partitionCounted)
        }
        return (records, origins, counted)
    }

    /// Waits for every output of a batch, then commits its source offsets. A record refused
    /// for itself (`KafkaError.refusesRecord`: its size, its bytes) is replaced by a dead-letter
    /// stub, so one input never stops routing. Any other refusal (the producer never times
    /// out, so only a permanent error refuses a record) stops the router: the batch is not
    /// committed and is routed again after the restart.
    func finish(_ batch: InFlightBatch, consumer: KafkaConsumer, producer: KafkaProducer) async throws {
        let reports = await batch.delivery.reports()
        if let error = producer.fatalError {
            logger.error("the producer failed, stopping without committing: \(error)")
            throw error
        }
        if reports.firstError != nil { try await replaceRefused(batch, reports: reports, producer: producer) }
        if let error = store(batch.messages, consumer: consumer) {
            guard error.code == .state else { throw error }
            // Some partitions were revoked while the batch was in flight: their records will be
            // routed again by the new owner (duplicates keep their ce_id; the new owner writes
            // its audit records in a new chain segment). Commit the rest.
            let owned = Set(try consumer.assignment())
            try consumer.markProcessed(batch.messages.filter { owned.contains(TopicPartition(topic: $0.topic, partition: $0.partition)) })
            logger.info("partitions revoked with a batch in flight; their records will be routed again by the new owner")
        }
        try await consumer.commit()
        record(batch.counted)
    }

    /// Writes a dead-letter stub for each output the producer refused for itself and waits for
    /// them; throws the first refusal that is not about the record (or a stub refused too).
    private func replaceRefused(_ batch: InFlightBatch, reports: [DeliveryReport], producer: KafkaProducer) async throws {
        var stubs: [ProducerRecord] = []
        for (index, report) in reports.enumerated() {
            guard let error = report.error else { continue }
            guard error.refusesRecord, index < batch.records.count, index < batch.origins.count,
                  let stub = RouterOutput.replacement(for: batch.records[index], theme: Self.theme(of: batch.origins[index]),
                                                     source: batch.origins[index], error: error) else {
                logger.error("output not acknowledged, stopping without committing: \(error)")
                throw error
            }
            logger.warning("output to \(batch.records[index].topic) for \(batch.origins[index]) refused (\(error.code)); a dead-letter stub is written instead")
            stubs.append(stub)
        }
        let stubReports = try await producer.send(stubs)
        if let error = producer.fatalError ?? stubReports.firstError {
            logger.error("dead-letter stub not acknowledged, stopping without committing: \(error)")
            throw error
        }
    }

    /// The theme of a source position (`src.<theme>`).
    static func theme(of source: SourcePosition) -> String {
        source.topic.hasPrefix("src.") ? String(source.topic.dropFirst(4)) : source.topic
    }

    /// Stores the offsets of processed messages; returns the error instead of throwing it.
    private func store(_ messages: [ConsumerMessage], consumer: KafkaConsumer) -> KafkaError? {
        do {
            try consumer.markProcessed(messages)
            return nil
        } catch {
            return error
        }
    }

    func record(_ counted: RouterCounters) {
        totals.withLock { $0.merge(counted) }
    }
}

extension RouterService {
    /// `--exactly-once`: the batch's outputs and its source offsets in one Kafka transaction.
    func commitTransactionally(_ records: [ProducerRecord], batch: [ConsumerMessage], counted: RouterCounters,
                               consumer: KafkaConsumer, producer: KafkaProducer) async throws {
        try await producer.beginTransaction()
        let reports = try await producer.send(records)
        if let error = reports.firstError {
            try? await producer.abortTransaction()
            logger.error("transaction aborted, stopping: \(error)")
            throw error
        }
        var next: [TopicPartition: Int64] = [:]
        for message in batch {
            let key = TopicPartition(topic: message.topic, partition: message.partition)
            next[key] = max(next[key] ?? 0, message.offset + 1)
        }
        try await producer.sendOffsetsToTransaction(
            next.map { TopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: KafkaOffset($0.value)) },
            consumer: consumer)
        try await producer.commitTransaction()
        record(counted)
    }
}

/// A routed batch whose outputs the broker has not acknowledged yet.
struct InFlightBatch {
    let messages: [ConsumerMessage]
    /// The outputs, in the order enqueued, and the source position each was written for.
    let records: [ProducerRecord]
    let origins: [SourcePosition]
    let delivery: PendingDelivery
    let counted: RouterCounters
}

/// The routing state carried from batch to batch.
struct RoutingState {
    let router: Router
    var partitions: [TopicPartition: PartitionState] = [:]
    var seen: [String: (seq: Int64, hash: String)] = [:]
    var scopes = ScopeLog()
    var inFlight: InFlightBatch?
    let auditKey: AuditKey

    init(router: Router, auditKey: AuditKey) {
        self.router = router
        self.auditKey = auditKey
    }

    /// A takeover (a partition assignment, the first one included): every partition's chain
    /// opens a new segment after what `seen` shows, and its scope memory is rebuilt from the
    /// audit's scope changes before the offset the consumer resumes at (the first record the
    /// partition's next batch holds). After an assignment the consumer resumes at the
    /// committed offset, which can be before records this process already routed: memory kept
    /// from those would claim subjects a subscriber holds only later in the stream, and empty
    /// memory would never send the `left-scope` delete of a subject held before.
    mutating func takeOver(seen: [String: (seq: Int64, hash: String)], scopes: ScopeLog = ScopeLog()) {
        self.seen = seen
        self.scopes = scopes
        for partition in partitions.keys {
            partitions[partition]?.chain.takeOver(seen: Self.segments(of: partition, in: seen))
            partitions[partition]?.scope = ScopeMemory()
            partitions[partition]?.rebuildScope = true
        }
    }

    /// The state of a partition, new ones continuing after the last takeover's view.
    func partitionState(_ partition: TopicPartition) -> PartitionState {
        if let existing = partitions[partition] { return existing }
        var fresh = PartitionState(chain: AuditChain(key: auditKey))
        fresh.chain.takeOver(seen: Self.segments(of: partition, in: seen))
        fresh.rebuildScope = true
        return fresh
    }

    private static func segments(of partition: TopicPartition,
                                 in seen: [String: (seq: Int64, hash: String)]) -> [String: (seq: Int64, hash: String)] {
        let prefix = "\(partition.topic)/\(partition.partition)#"
        return seen.filter { $0.key.hasPrefix(prefix) }
    }
}

/// What routing one source partition carries from batch to batch.
struct PartitionState: Sendable {
    var chain: AuditChain
    var scope = ScopeMemory()
    /// The scope memory is to be rebuilt from the audit before the next record routed.
    var rebuildScope = false
}

extension RouterCounters {
    mutating func merge(_ other: RouterCounters) {
        read += other.read
        outOfScope += other.outOfScope
        delivered.merge(other.delivered, uniquingKeysWith: +)
        rejected.merge(other.rejected, uniquingKeysWith: +)
        published.merge(other.published, uniquingKeysWith: +)
    }
}
