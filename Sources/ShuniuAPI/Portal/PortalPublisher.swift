import ShuniuKafka
import Synchronization

/// The portal's one producer (the grid worker form's events), made when the first form is
/// posted rather than at start, so an API that never publishes holds no producer.
final class PortalPublisher: Sendable {
    private let client: KafkaClientConfig
    private let made = Mutex<KafkaProducer?>(nil)

    init(client: KafkaClientConfig) { self.client = client }

    /// The producer, made on first use.
    func producer() throws -> KafkaProducer {
        try made.withLock { made in
            if let made { return made }
            let producer = try KafkaProducer(config: ProducerConfig(client: client))
            made = producer
            return producer
        }
    }
}
