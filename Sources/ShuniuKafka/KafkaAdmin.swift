import CRdKafka
import Logging

/// A topic to create.
public struct NewTopic: Sendable, Hashable {
    /// The topic name.
    public var name: String
    /// How many partitions.
    public var partitions: Int
    /// How many replicas (1 on a single-broker cluster; -1 for the broker's default).
    public var replicationFactor: Int
    /// Topic configs set at creation (`retention.ms`, `cleanup.policy`...); empty: the broker's defaults.
    public var configs: [String: String]

    /// Describes a topic to create.
    public init(name: String, partitions: Int, replicationFactor: Int = -1, configs: [String: String] = [:]) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.configs = configs
    }
}

/// A topic as the cluster describes it.
public struct TopicMetadata: Sendable, Hashable {
    /// The topic name.
    public var name: String
    /// How many partitions it has.
    public var partitions: Int

    /// Describes a topic.
    public init(name: String, partitions: Int) {
        self.name = name
        self.partitions = partitions
    }
}

/// Cluster administration: create topics idempotently, list them, read watermarks.
public final class KafkaAdmin: Sendable {
    let handle: RdKafkaHandle
    let queue = BlockingQueue(label: "shuniu.kafka.admin")

    /// Connects an admin client.
    public init(client: KafkaClientConfig = KafkaClientConfig(), logger: Logger = Logger(label: "shuniu.kafka.admin")) throws(KafkaError) {
        handle = try RdKafkaHandle(type: RD_KAFKA_PRODUCER, properties: client.librdkafkaProperties,
                                   context: ClientContext(logger: logger))
    }

    /// Creates each topic that does not exist yet; an existing topic is not an error.
    /// Returns, per topic, `true` when it was created now and `false` when it already existed.
    public func createTopics(_ topics: [NewTopic], timeout: Duration = .seconds(30)) async throws(KafkaError) -> [String: Bool] {
        guard !topics.isEmpty else { return [:] }
        return try await queue.run { [handle] () throws(KafkaError) -> [String: Bool] in
            try Self.create(topics, handle: handle, timeoutMilliseconds: Int32(clamping: timeout.milliseconds))
        }
    }

    /// Every topic in the cluster with its partition count.
    public func listTopics(timeout: Duration = .seconds(10)) async throws(KafkaError) -> [TopicMetadata] {
        try await queue.run { [handle] () throws(KafkaError) -> [TopicMetadata] in
            var metadata: UnsafePointer<rd_kafka_metadata>?
            let err = rd_kafka_metadata(handle.pointer, 1, nil, &metadata, Int32(clamping: timeout.milliseconds))
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, "list topics") }
            guard let metadata else { return [] }
            defer { rd_kafka_metadata_destroy(metadata) }
            return (0..<Int(metadata.pointee.topic_cnt)).map { index in
                let topic = metadata.pointee.topics[index]
                return TopicMetadata(name: String(cString: topic.topic), partitions: Int(topic.partition_cnt))
            }.sorted { $0.name < $1.name }
        }
    }

    /// The low and high watermarks of a partition.
    public func watermarks(topic: String, partition: Int32, timeout: Duration = .seconds(10)) async throws(KafkaError) -> Watermarks {
        try await queue.run { [handle] () throws(KafkaError) -> Watermarks in
            try Watermarks.query(handle: handle, topic: topic, partition: partition, timeout: timeout)
        }
    }

    private static func create(_ topics: [NewTopic], handle: RdKafkaHandle, timeoutMilliseconds: Int32) throws(KafkaError) -> [String: Bool] {
        var errorText = [CChar](repeating: 0, count: 512)
        var requests: [OpaquePointer?] = []
        defer { for request in requests { rd_kafka_NewTopic_destroy(request) } }
        for topic in topics {
            guard let request = rd_kafka_NewTopic_new(topic.name, Int32(topic.partitions),
                                                      Int32(topic.replicationFactor), &errorText, errorText.count) else {
                let reason = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                throw KafkaError.invalidConfig("topic \(topic.name): \(reason)")
            }
            requests.append(request)
            for (name, value) in topic.configs.sorted(by: { $0.key < $1.key }) {
                let err = rd_kafka_NewTopic_set_config(request, name, value)
                if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, "topic \(topic.name): config \(name)=\(value)") }
            }
        }
        guard let resultQueue = rd_kafka_queue_new(handle.pointer) else { throw KafkaError.closed("admin client") }
        defer { rd_kafka_queue_destroy(resultQueue) }
        let options = rd_kafka_AdminOptions_new(handle.pointer, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        rd_kafka_AdminOptions_set_request_timeout(options, timeoutMilliseconds, &errorText, errorText.count)
        requests.withUnsafeMutableBufferPointer { buffer in
            rd_kafka_CreateTopics(handle.pointer, buffer.baseAddress, buffer.count, options, resultQueue)
        }
        guard let event = rd_kafka_queue_poll(resultQueue, timeoutMilliseconds + 1000) else {
            throw KafkaError(code: .timedOut, message: "create topics: no answer from the cluster")
        }
        defer { rd_kafka_event_destroy(event) }
        let eventError = rd_kafka_event_error(event)
        if eventError != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(eventError, "create topics: \(String(cString: rd_kafka_event_error_string(event)))")
        }
        guard let result = rd_kafka_event_CreateTopics_result(event) else {
            throw KafkaError(code: .failed, message: "create topics: unexpected admin event")
        }
        var count = 0
        guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return [:] }
        var outcome: [String: Bool] = [:]
        for index in 0..<count {
            guard let topicResult = results[index] else { continue }
            let name = String(cString: rd_kafka_topic_result_name(topicResult))
            let err = rd_kafka_topic_result_error(topicResult)
            switch err {
            case RD_KAFKA_RESP_ERR_NO_ERROR: outcome[name] = true
            case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS: outcome[name] = false
            default:
                let detail = rd_kafka_topic_result_error_string(topicResult).map { String(cString: $0) } ?? ""
                throw KafkaError(err, "create topic \(name) \(detail)")
            }
        }
        return outcome
    }
}
