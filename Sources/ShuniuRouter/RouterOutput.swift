import ShuniuKafka
import ShuniuModel

/// The Kafka records one routing decision produces: the delivery to `sub.<subscriber>` or the
/// dead letter to `dlq.<theme>`, and its audit record.
enum RouterOutput {
    /// The delivery or dead letter of `decision` (nothing for out-of-scope).
    static func record(for decision: RoutingDecision, message: ConsumerMessage) -> ProducerRecord? {
        switch decision.outcome {
        case .outOfScope:
            return nil
        case .rejected:
            var headers = message.headers
            headers.append(KafkaHeader(name: DeliveredHeader.reason, string: decision.reason ?? "rejected"))
            headers.append(KafkaHeader(name: DeliveredHeader.message, string: decision.message ?? ""))
            headers.append(KafkaHeader(name: DeliveredHeader.source, string: decision.source.description))
            return ProducerRecord(topic: Topics.deadLetter(decision.theme), key: message.key, value: message.value, headers: headers)
        case .delivered:
            let headers = decision.headers.map { KafkaHeader(name: $0.name, value: $0.value) }
            return ProducerRecord(topic: Topics.subscriber(decision.subscriber ?? ""), key: Array(decision.key.utf8),
                                  value: decision.value, headers: headers)
        }
    }

    /// The audit record of `decision`, sealed into its chain (key: the chain segment).
    static func audit(for decision: RoutingDecision, chain: inout AuditChain) -> ProducerRecord {
        let sealed = chain.seal(decision)
        return ProducerRecord(topic: Topics.audit, key: Array(sealed.segment.utf8), value: sealed.record)
    }
}
