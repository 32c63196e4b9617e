import ShuniuKafka
import ShuniuModel

/// Appends objection steps to `ctl.credit-objections` (key: the objection id, partition 0)
/// and waits for the broker's acknowledgement.
public struct ObjectionLog: Sendable {
    /// The cluster.
    public let client: KafkaClientConfig

    /// A log on the cluster `client` names.
    public init(client: KafkaClientConfig) { self.client = client }

    /// Appends `steps` in order.
    public func append(_ steps: [ObjectionEvent]) async throws {
        let producer = try KafkaProducer(config: ProducerConfig(client: client))
        let reports = try await producer.send(steps.map {
            ProducerRecord(topic: Topics.creditObjections, partition: 0, key: Array($0.objection.utf8), value: $0.encoded())
        })
        await producer.close()
        if let error = reports.firstError { throw error }
    }
}
