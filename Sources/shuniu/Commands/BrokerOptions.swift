import ArgumentParser
import Foundation
import ShuniuKafka

/// `--bootstrap`: where the Kafka cluster is; `$KAFKA_BOOTSTRAP`, else `127.0.0.1:9092`.
/// SASL and TLS: `--security-protocol`, `--sasl-mechanism`, `--sasl-user` (default
/// `$SHUNIU_KAFKA_USER`), the password only from `$SHUNIU_KAFKA_PASSWORD` (never an argument,
/// so it is not in `ps` or shell history), `--ca-file`.
struct BrokerOptions: ParsableArguments {
    @Option(name: .long, help: "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP or 127.0.0.1:9092).")
    var bootstrap: String = KafkaClientConfig.environmentBootstrap

    @Option(help: "plaintext, ssl, sasl_plaintext or sasl_ssl (default: sasl_plaintext when a SASL user is set, else plaintext).")
    var securityProtocol: String?

    @Option(help: "SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN.")
    var saslMechanism = "SCRAM-SHA-256"

    @Option(name: .customLong("sasl-user"), help: "The SASL user (default: $SHUNIU_KAFKA_USER); the password is read from $SHUNIU_KAFKA_PASSWORD.")
    var saslUserOption: String?

    /// `--sasl-user`, else `$SHUNIU_KAFKA_USER`.
    var saslUser: String? {
        saslUserOption ?? ProcessInfo.processInfo.environment["SHUNIU_KAFKA_USER"].flatMap { $0.isEmpty ? nil : $0 }
    }

    @Option(help: "A PEM file of the CA certificates that sign the brokers' certificates (TLS).")
    var caFile: String?

    /// Client settings for this cluster.
    func client(id: String) -> KafkaClientConfig {
        var config = KafkaClientConfig(bootstrapServers: bootstrap, clientID: id)
        if let saslUser {
            config.security.username = saslUser
            config.security.password = ProcessInfo.processInfo.environment["SHUNIU_KAFKA_PASSWORD"]
            config.security.saslMechanism = saslMechanism
        }
        config.security.protocolName = securityProtocol ?? (saslUser != nil ? (caFile != nil ? "sasl_ssl" : "sasl_plaintext") : (caFile != nil ? "ssl" : "plaintext"))
        if let caFile { config.security.caLocation = caFile }
        return config
    }
}
