import ShuniuKafka
import ShuniuModel

/// The Kafka records one routing decision produces: the delivery to `sub.<subscriber>` or the
/// dead letter to `dlq.<theme>`, and its audit record.
enum RouterOutput {
    /// Headers the router adds to deliveries and dead letters.
    enum Header {
        static let grant = "shuniu_grant"
        static let basis = "shuniu_basis"
        static let source = "shuniu_source"
        static let reason = "shuniu_reason"
        static let message = "shuniu_message"
    }

    /// The delivery or dead letter of `decision` (nothing for out-of-scope).
    static func record(for decision: RoutingDecision, message: ConsumerMessage) -> ProducerRecord? {
        switch decision.outcome {
        case .outOfScope:
            return nil
        case .rejected:
            var headers = message.headers
            headers.append(KafkaHeader(name: Header.reason, string: decision.reason ?? "rejected"))
            headers.append(KafkaHeader(name: Header.message, string: decision.message ?? ""))
            headers.append(KafkaHeader(name: Header.source, string: decision.source.description))
            return ProducerRecord(topic: Topics.deadLetter(decision.theme), key: message.key, value: message.value, headers: headers)
        case .delivered:
            var headers: [KafkaHeader] = []
            headers.reserveCapacity(message.headers.count + 3)
            let deleted = decision.action == .deleted
            for header in message.headers {
                if header.name == EnvelopeHeaderName.type {
                    headers.append(KafkaHeader(name: header.name, string: "\(decision.theme).\((decision.action ?? .upserted).rawValue)"))
                } else if !(deleted && header.name == EnvelopeHeaderName.contentType) {
                    headers.append(header)
                }
            }
            headers.append(KafkaHeader(name: Header.grant, string: decision.grantID ?? ""))
            headers.append(KafkaHeader(name: Header.basis, string: decision.basis ?? ""))
            headers.append(KafkaHeader(name: Header.source, string: decision.source.description))
            return ProducerRecord(topic: Topics.subscriber(decision.subscriber ?? ""), key: message.key,
                                  value: decision.value, headers: headers)
        }
    }

    /// The audit record of `decision`, sealed into its chain (key: the chain segment).
    static func audit(for decision: RoutingDecision, chain: inout AuditChain) -> ProducerRecord {
        let sealed = chain.seal(decision)
        return ProducerRecord(topic: Topics.audit, key: Array(sealed.segment.utf8), value: sealed.record)
    }
}
