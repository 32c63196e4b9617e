import ShuniuKafka
import ShuniuModel
import ShuniuRouter

/// The writer of `audit.access`: every read of hub data by a department, hash-chained.
///
/// Each writer (an API instance, a check run) owns one chain, `access/<instance>`, written in
/// segments like the router's chains: on opening, the writer reads the topic, and if its
/// chain exists it starts a new segment that names where the previous one ended. Records of a
/// chain share a key, hence a partition, and are enqueued in the order they were sealed
/// (the actor seals and hands them to the producer's serial queue without interleaving).
public actor AccessAuditLog {
    /// The chain this writer appends to.
    public nonisolated let chain: String
    private var audit: AuditChain
    private let producer: KafkaProducer
    /// Records written by this writer.
    public private(set) var written = 0

    private init(chain: String, producer: KafkaProducer, audit: AuditChain) {
        self.chain = chain
        self.producer = producer
        self.audit = audit
    }

    /// Opens the chain `access/<instance>` on the cluster `client` names, continuing it if an
    /// earlier writer of the same instance name left records.
    /// Records are sealed with `key` (the hub's audit key).
    public static func open(client: KafkaClientConfig, instance: String, key: AuditKey) async throws(KafkaError) -> AccessAuditLog {
        let admin = try KafkaAdmin(client: client)
        _ = try await admin.createTopics([NewTopic(name: Topics.access, partitions: Topics.accessPartitions)])
        let heads = try AuditHeads(client: client, topic: Topics.access, key: key)
        try await heads.catchUp(admin: admin)
        let chain = "access/\(instance)"
        var audit = AuditChain(key: key)
        audit.takeOver(seen: await heads.heads.filter { $0.key.hasPrefix(chain + "#") })
        await heads.close()
        var config = ProducerConfig(client: client)
        config.linger = .milliseconds(2)
        config.messageTimeout = .zero
        config.client.properties["enable.gapless.guarantee"] = "true"
        return AccessAuditLog(chain: chain, producer: try KafkaProducer(config: config), audit: audit)
    }

    /// Seals `events` into the chain and hands them to the producer. Await `reports()` on
    /// the result where the read must not be answered before its record is on the broker.
    @discardableResult
    public func record(_ events: [AccessEvent]) async throws(KafkaError) -> PendingDelivery {
        var records: [ProducerRecord] = []
        records.reserveCapacity(events.count)
        for event in events {
            let (_, bytes) = audit.seal(chain: chain, fields: AccessRecord.fields(event))
            records.append(ProducerRecord(topic: Topics.access, key: Array(chain.utf8), value: bytes))
        }
        written += events.count
        return try await producer.enqueue(records)
    }

    /// Waits for every record written so far to be on the broker.
    public func flush() async throws(KafkaError) { try await producer.flush() }

    /// Flushes and closes the writer.
    public func close() async { await producer.close(timeout: .seconds(10)) }
}
