#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Settings every Kafka client shares: where the cluster is, who we are, how we connect.
public struct KafkaClientConfig: Sendable {
    /// The bootstrap address used when neither `--bootstrap` nor `KAFKA_BOOTSTRAP` says otherwise.
    public static let defaultBootstrap = "127.0.0.1:9092"

    /// `host:port[,host:port...]`; defaults to `$KAFKA_BOOTSTRAP`, else `127.0.0.1:9092`.
    public var bootstrapServers: String = KafkaClientConfig.environmentBootstrap
    /// The client id the broker sees in its logs and quotas.
    public var clientID: String = "shuniu"
    /// Transport security and authentication.
    public var security: KafkaSecurity = KafkaSecurity()
    /// Any other librdkafka property, passed through as is (these win over typed settings).
    public var properties: [String: String] = [:]

    /// Creates a configuration with the defaults above.
    public init(bootstrapServers: String? = nil, clientID: String = "shuniu") {
        if let bootstrapServers { self.bootstrapServers = bootstrapServers }
        self.clientID = clientID
    }

    /// `$KAFKA_BOOTSTRAP` when set and not empty, else `127.0.0.1:9092`.
    public static var environmentBootstrap: String {
        if let raw = getenv("KAFKA_BOOTSTRAP") {
            let value = String(cString: raw)
            if !value.isEmpty { return value }
        }
        return defaultBootstrap
    }

    /// The librdkafka properties these settings stand for.
    var librdkafkaProperties: [String: String] {
        var result = ["bootstrap.servers": bootstrapServers, "client.id": clientID]
        result.merge(security.librdkafkaProperties) { _, new in new }
        result.merge(properties) { _, new in new }
        return result
    }
}

/// How a client authenticates and encrypts: plaintext by default; SASL/SCRAM and TLS for
/// clusters that enforce access control.
public struct KafkaSecurity: Sendable {
    /// `plaintext`, `ssl`, `sasl_plaintext` or `sasl_ssl`.
    public var protocolName: String = "plaintext"
    /// `SCRAM-SHA-256`, `SCRAM-SHA-512` or `PLAIN`, when SASL is used.
    public var saslMechanism: String?
    /// The SASL user name (a department's principal).
    public var username: String?
    /// The SASL password. Never logged: `KafkaSecurity` prints it as `***`.
    public var password: String?
    /// A PEM file of CA certificates that sign the brokers' certificates.
    public var caLocation: String?

    /// Plaintext, no authentication.
    public init() {}

    var librdkafkaProperties: [String: String] {
        var result = ["security.protocol": protocolName]
        if let saslMechanism { result["sasl.mechanism"] = saslMechanism }
        if let username { result["sasl.username"] = username }
        if let password { result["sasl.password"] = password }
        if let caLocation { result["ssl.ca.location"] = caLocation }
        return result
    }
}

extension KafkaSecurity: CustomStringConvertible {
    public var description: String {
        let user = username.map { " user=\($0)" } ?? ""
        let secret = password == nil ? "" : " password=***"
        return "\(protocolName)\(saslMechanism.map { " \($0)" } ?? "")\(user)\(secret)"
    }
}
