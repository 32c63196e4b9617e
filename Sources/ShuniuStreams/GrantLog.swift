import ShuniuKafka
import ShuniuModel

/// The grant workflow's log, `ctl.grants` (one partition, so one total order): follows it into
/// a `GrantTable` and appends new workflow events.
///
/// Every service that needs grants keeps one of these and calls `catchUp()` before it acts;
/// since `catchUp` reads up to the high watermark it asked for, any grant change the broker
/// acknowledged before the call is in the table after it.
public actor GrantLog {
    /// The table rebuilt from the log so far.
    public private(set) var table = GrantTable()
    /// The offset of the next `ctl.grants` record to read.
    public private(set) var nextOffset: Int64 = 0
    private let catalogue: Catalogue
    private let consumer: KafkaConsumer
    /// Asks for the end of the log on a connection of its own: on the consumer's connection
    /// the question would wait behind a pending fetch (up to `fetch.wait.max.ms`).
    private let admin: KafkaAdmin
    private let client: KafkaClientConfig
    private var producer: KafkaProducer?

    /// Follows `ctl.grants` on the cluster `client` names.
    public init(client: KafkaClientConfig, catalogue: Catalogue) throws(KafkaError) {
        self.client = client
        self.catalogue = catalogue
        consumer = try KafkaConsumer(config: ConsumerConfig(client: client))
        admin = try KafkaAdmin(client: client)
        try consumer.assign([TopicPartitionOffset(topic: Topics.grants, partition: 0, offset: .beginning)])
    }

    /// Reads every record up to the current end of the log; returns the events applied.
    @discardableResult
    public func catchUp(timeout: Duration = .seconds(30)) async throws(KafkaError) -> [GrantEvent] {
        // On Tansu this is the base offset of the last record batch + 1 (see `EndOffsets`); a
        // fetch returns whole batches, so once it is reached, the rest of that batch is already
        // here and the drain below applies it.
        let end = try await admin.watermarks(topic: Topics.grants, partition: 0).high
        var applied: [GrantEvent] = []
        let deadline = ContinuousClock.now + timeout
        while nextOffset < end {
            guard ContinuousClock.now < deadline else {
                throw KafkaError(code: .timedOut, message: "ctl.grants: read to \(nextOffset) of \(end) within \(timeout)")
            }
            applied += apply(try await consumer.poll(maxMessages: 10_000, timeout: .milliseconds(100)))
        }
        if end > 0 { applied += apply(try await consumer.poll(maxMessages: 10_000, timeout: .zero)) }
        return applied
    }

    private func apply(_ batch: ConsumerBatch) -> [GrantEvent] {
        var applied: [GrantEvent] = []
        for message in batch.messages where message.offset >= nextOffset {
            nextOffset = message.offset + 1
            guard let event = try? GrantEvent.decode(message.value) else { continue }
            if table.apply(event, catalogue: catalogue) == nil { applied.append(event) }
        }
        return applied
    }

    /// Appends workflow events to the log (key: the grant id) and waits for the broker.
    public func append(_ events: [GrantEvent]) async throws(KafkaError) {
        let producer: KafkaProducer
        if let existing = self.producer {
            producer = existing
        } else {
            producer = try KafkaProducer(config: ProducerConfig(client: client))
            self.producer = producer
        }
        let reports = try await producer.send(events.map {
            ProducerRecord(topic: Topics.grants, partition: 0, key: Array($0.grant.utf8), value: $0.encoded())
        })
        if let error = reports.firstError { throw error }
    }

    /// Closes the log's Kafka clients.
    public func close() async {
        await consumer.close()
        await producer?.close()
    }
}
