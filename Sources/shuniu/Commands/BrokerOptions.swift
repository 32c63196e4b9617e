import ArgumentParser
import ShuniuKafka

/// `--bootstrap`: where the Kafka cluster is; `$KAFKA_BOOTSTRAP`, else `127.0.0.1:9092`.
struct BrokerOptions: ParsableArguments {
    @Option(name: .long, help: "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP or 127.0.0.1:9092).")
    var bootstrap: String = KafkaClientConfig.environmentBootstrap

    /// Client settings for this cluster.
    func client(id: String) -> KafkaClientConfig {
        KafkaClientConfig(bootstrapServers: bootstrap, clientID: id)
    }
}
