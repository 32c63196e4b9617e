import Foundation
import ShuniuKafka
import ShuniuStreams

/// The real broker the integration tests run against: the Tansu dev broker started by
/// `ops/test.sh` (`$SHUNIU_TEST_BOOTSTRAP`), else `$KAFKA_BOOTSTRAP`, else 127.0.0.1:9092.
enum Broker {
    static let bootstrap: String = {
        if let value = ProcessInfo.processInfo.environment["SHUNIU_TEST_BOOTSTRAP"], !value.isEmpty { return value }
        return KafkaClientConfig.environmentBootstrap
    }()

    static var client: KafkaClientConfig { KafkaClientConfig(bootstrapServers: bootstrap, clientID: "shuniu-it") }

    /// A topic name no other test run has used.
    static func uniqueTopic(_ base: String) -> String {
        "it.\(base).\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Creates a fresh topic; fails with a hint when no broker answers.
    static func freshTopic(_ base: String, partitions: Int) async throws -> String {
        let name = uniqueTopic(base)
        do {
            _ = try await KafkaAdmin(client: client).createTopics([NewTopic(name: name, partitions: partitions)],
                                                                  timeout: .seconds(10))
        } catch {
            throw BrokerUnavailable(message: "no Kafka broker at \(bootstrap) (\(error)); start one with ops/broker.sh start, or run ops/test.sh")
        }
        return name
    }

    /// Group settings that join quickly on the dev broker.
    static func groupConsumer(_ group: String) -> ConsumerConfig {
        var config = ConsumerConfig(client: client, groupID: group)
        config.sessionTimeout = .seconds(6)
        config.heartbeatInterval = .milliseconds(500)
        config.maxPollInterval = .seconds(10)
        return config
    }

    /// Reads `topic` from the beginning until every partition's end is reached, on the shared
    /// test broker or the one `client` names (all partitions when `partitions` is nil).
    static func readAll(_ topic: String, partitions: Int? = nil, client: KafkaClientConfig = Broker.client,
                        timeout: Duration = .seconds(120)) async throws -> [ConsumerMessage] {
        try await TopicReader(client: client).read(topic, partitions: partitions, timeout: timeout)
    }
}

struct BrokerUnavailable: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
