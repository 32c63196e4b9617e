import ShuniuKafka
import ShuniuModel

/// Finds the last record of every audit chain by reading an audit topic (`audit.exchange` by
/// default), so a router that takes over a source partition continues its chain where the
/// previous owner stopped, and an API instance continues its access chain.
///
/// The first `catchUp` reads the topic from the beginning; later ones read only what was
/// appended since. Records of one chain share a key, hence one audit partition, in order.
///
/// Only records sealed with the hub's `AuditKey` count (hash and MAC verified, numbers in
/// range): a record forged by anyone who can write the topic is skipped and counted in
/// `refused`, so it can neither move a chain's head nor change the scope memory.
public actor AuditHeads {
    /// The last (seq, hash) of each chain seen so far.
    public private(set) var heads: [String: (seq: Int64, hash: String)] = [:]
    /// The scope changes recorded so far (`held`), to rebuild a partition's scope memory.
    public private(set) var scopes = ScopeLog()
    private let consumer: KafkaConsumer
    private let client: KafkaClientConfig
    private let topic: String
    private var next: [Int32: Int64] = [:]
    private var partitions: Int32 = 0
    private let key: AuditKey
    /// Records skipped because they are not sealed by this hub (or are unreadable).
    public private(set) var refused = 0

    /// Reads `topic` on the cluster `client` names; records must be sealed with `key`.
    public init(client: KafkaClientConfig, topic: String = Topics.audit, key: AuditKey) throws(KafkaError) {
        self.topic = topic
        self.key = key
        var config = ConsumerConfig(client: client)
        config.reportEndOfPartition = true
        consumer = try KafkaConsumer(config: config)
        self.client = client
    }

    /// Reads every audit record up to the current end; returns how many were read.
    @discardableResult
    public func catchUp(admin: KafkaAdmin) async throws(KafkaError) -> Int {
        if partitions == 0 {
            let topics = try await admin.listTopics()
            partitions = Int32(topics.first { $0.name == topic }?.partitions ?? 0)
            guard partitions > 0 else { return 0 }
            try consumer.assign((0..<partitions).map { TopicPartitionOffset(topic: topic, partition: $0, offset: .beginning) })
        }
        var ends: [Int32: Int64] = [:]
        let found = try await EndOffsets(client: client).read((0..<partitions).map { TopicPartition(topic: topic, partition: $0) })
        for (position, end) in found { ends[position.partition] = end }
        var read = 0
        while ends.contains(where: { $0.value > (next[$0.key] ?? 0) }) {
            let batch = try await consumer.poll(maxMessages: 20_000, timeout: .milliseconds(500))
            for message in batch.messages {
                next[message.partition] = message.offset + 1
                read += 1
                guard case .success(let record) = SealedAuditRecord.open(message.value, key: key) else {
                    refused += 1
                    continue
                }
                let chain = record.segment
                if record.seq >= heads[chain]?.seq ?? 0 { heads[chain] = (record.seq, record.hash) }
                guard let subject = record.row["subject"]?.stringValue, let source = record.row["source"]?.stringValue,
                      let slash = source.lastIndex(of: "/"), let offset = Int64(source[source.index(after: slash)...]) else { continue }
                for row in AuditRecord.decisions(of: record.row) {
                    if let held = row["held"]?.boolValue, let grant = row["grant"]?.stringValue {
                        scopes.add(segment: chain, grant: grant, subject: subject, offset: offset, held: held)
                    }
                }
            }
            // The end may be a transaction marker that is never delivered as a message.
            for eof in batch.endOfPartition { next[eof.partition] = max(next[eof.partition] ?? 0, ends[eof.partition] ?? 0) }
        }
        return read
    }

    /// Closes the reader.
    public func close() async { await consumer.close() }
}
