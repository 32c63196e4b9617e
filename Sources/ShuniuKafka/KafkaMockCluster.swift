import CRdKafka
import Logging

/// librdkafka's in-process mock cluster: brokers with no process and no port to configure,
/// for fast tests of the Kafka layer. Point clients at `bootstrapServers`.
///
/// `@unchecked Sendable`: the mock cluster is driven by its own librdkafka thread; we only
/// read its bootstrap string, which never changes.
public final class KafkaMockCluster: @unchecked Sendable {
    private let owner: RdKafkaHandle
    private let cluster: OpaquePointer
    /// The address clients use to reach the mock brokers.
    public let bootstrapServers: String

    /// Starts a mock cluster of `brokers` brokers.
    public init(brokers: Int = 1) throws(KafkaError) {
        var logger = Logger(label: "shuniu.kafka.mock")
        logger.logLevel = .error
        owner = try RdKafkaHandle(type: RD_KAFKA_PRODUCER, properties: [:], context: ClientContext(logger: logger))
        guard let cluster = rd_kafka_mock_cluster_new(owner.pointer, Int32(brokers)) else {
            throw KafkaError(code: .failed, message: "cannot start librdkafka's mock cluster")
        }
        self.cluster = cluster
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    /// Creates a topic directly in the mock cluster.
    public func createTopic(_ name: String, partitions: Int) throws(KafkaError) {
        let err = rd_kafka_mock_topic_create(cluster, name, Int32(partitions), 1)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, "mock create topic \(name)") }
    }

    /// Makes the next `count` requests of API `apiKey` fail with `error` (fault injection).
    public func failNextRequests(apiKey: Int16, error: KafkaError.Code, count: Int) {
        let errors = [rd_kafka_resp_err_t](repeating: rd_kafka_resp_err_t(error.rawValue), count: count)
        errors.withUnsafeBufferPointer { buffer in
            rd_kafka_mock_push_request_errors_array(cluster, apiKey, buffer.count, buffer.baseAddress)
        }
    }

    deinit { rd_kafka_mock_cluster_destroy(cluster) }
}
