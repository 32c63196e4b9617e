import ShuniuKafka
import ShuniuModel

/// The Kafka records routing produces: per decision the delivery to `sub.<subscriber>` or the
/// dead letter to `dlq.<theme>`, and per source record one audit record of all its decisions.
enum RouterOutput {
    /// The delivery or dead letter of `decision` (nothing for out-of-scope). A dead letter
    /// over `limit` bytes (`RecordSize`) is written as a stub (``deadLetterStub(of:originalBytes:)``).
    /// Deliveries are within the limit by construction (`Router` refuses larger ones).
    static func record(for decision: RoutingDecision, message: ConsumerMessage,
                       limit: Int = RecordSize.defaultLimit) -> ProducerRecord? {
        switch decision.outcome {
        case .outOfScope:
            return nil
        case .rejected:
            var headers = message.headers
            headers.append(KafkaHeader(name: DeliveredHeader.reason, string: decision.reason ?? "rejected"))
            headers.append(KafkaHeader(name: DeliveredHeader.message, string: decision.message ?? ""))
            headers.append(KafkaHeader(name: DeliveredHeader.source, string: decision.source.description))
            let letter = ProducerRecord(topic: Topics.deadLetter(decision.theme), key: message.key, value: message.value, headers: headers)
            let size = RecordSize.bytes(of: letter)
            return size <= limit ? letter : deadLetterStub(of: letter, originalBytes: size)
        case .delivered:
            let headers = decision.headers.map { KafkaHeader(name: $0.name, value: $0.value) }
            return ProducerRecord(topic: Topics.subscriber(decision.subscriber ?? ""), key: Array(decision.key.utf8),
                                  value: decision.value, headers: headers)
        }
    }

    /// The longest original header (name and value) or key a stub keeps.
    static let stubKeeps = 1_024

    /// A dead letter too large to write whole, as a small stub in its place: the same topic,
    /// the key and the original headers of at most ``stubKeeps`` bytes each (the reason,
    /// message and source position among them), `shuniu_original_bytes`, and no value. It
    /// names the source record, which stays on `src.<theme>` for ops to inspect.
    static func deadLetterStub(of letter: ProducerRecord, originalBytes: Int) -> ProducerRecord {
        var headers = letter.headers.filter { $0.name.utf8.count + $0.value.count <= stubKeeps }
        headers.append(KafkaHeader(name: DeliveredHeader.originalBytes, string: String(originalBytes)))
        let key = (letter.key?.count ?? 0) <= stubKeeps ? letter.key : nil
        return ProducerRecord(topic: letter.topic, partition: letter.partition, key: key, value: nil, headers: headers)
    }

    /// The record written in place of `record` when the producer refused it for itself
    /// (`KafkaError.refusesRecord`): a dead-letter stub on `dlq.<theme>` naming the source
    /// position and the refusal. Nil for an audit record (those are small by construction;
    /// one refused is not papered over).
    static func replacement(for record: ProducerRecord, theme: String, source: SourcePosition,
                            error: KafkaError) -> ProducerRecord? {
        guard record.topic != Topics.audit else { return nil }
        var headers = record.topic.hasPrefix("dlq.") ? record.headers.filter { $0.name != DeliveredHeader.message } : []
        if !record.topic.hasPrefix("dlq.") {
            headers.append(KafkaHeader(name: DeliveredHeader.reason, string: "produce-refused"))
            headers.append(KafkaHeader(name: DeliveredHeader.source, string: source.description))
        }
        headers.append(KafkaHeader(name: DeliveredHeader.message, string: "the producer refused the record written to \(record.topic): \(error.code)"))
        let letter = ProducerRecord(topic: Topics.deadLetter(theme), key: record.key, value: nil, headers: headers)
        return deadLetterStub(of: letter, originalBytes: RecordSize.bytes(of: record))
    }

    /// The audit record of the decisions on one source record, sealed into its chain (key:
    /// the chain segment); nil when there is no decision.
    static func audit(for decisions: [RoutingDecision], chain: inout AuditChain) -> ProducerRecord? {
        guard let sealed = chain.seal(decisions) else { return nil }
        return ProducerRecord(topic: Topics.audit, key: Array(sealed.segment.utf8), value: sealed.record)
    }
}
