import ShuniuKafka
import ShuniuModel

extension ProducerRecord {
    /// The Kafka record of a change event (CloudEvents binary mode), to `topic` (by default
    /// the theme's source topic `src.<theme>`).
    public init(event: ChangeEvent, topic: String? = nil, partition: Int32? = nil) {
        let encoded = ChangeEventCodec.encode(event)
        self.init(topic: topic ?? Topics.source(event.theme), partition: partition, key: encoded.key,
                  value: encoded.value, headers: encoded.headers.map { KafkaHeader(name: $0.name, value: $0.value) })
    }
}

extension ConsumerMessage {
    /// The record's headers as envelope headers, for the change-event codec.
    public var envelopeHeaders: [EnvelopeHeader] {
        headers.map { EnvelopeHeader(name: $0.name, value: $0.value) }
    }

    /// Decodes the record as a change event (no catalogue validation).
    public func changeEvent() throws(EventRejection) -> ChangeEvent {
        try ChangeEventCodec.decode(key: key, headers: envelopeHeaders, value: value)
    }

    /// `topic/partition/offset`: where this record sits, as audit records and delivery headers
    /// name it.
    public var position: String { "\(topic)/\(partition)/\(offset)" }
}
