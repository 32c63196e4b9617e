import CRdKafka

/// One configuration entry of a topic as the cluster describes it (DescribeConfigs).
public struct TopicConfigEntry: Sendable, Hashable {
    /// The config's name (`retention.ms`).
    public var name: String
    /// Its value; nil for a sensitive or unset entry.
    public var value: String?
    /// True when the value is the broker's default, not set on the topic.
    public var isDefault: Bool

    /// An entry.
    public init(name: String, value: String?, isDefault: Bool) {
        self.name = name
        self.value = value
        self.isDefault = isDefault
    }
}

extension KafkaAdmin {
    /// The configuration of each named topic (DescribeConfigs on TOPIC resources), by topic and
    /// config name. Apache Kafka lists every config with its defaults; the Tansu dev broker
    /// lists exactly the configs given when the topic was created.
    public func describeTopicConfigs(_ topics: [String], timeout: Duration = .seconds(30)) async throws(KafkaError) -> [String: [String: TopicConfigEntry]] {
        guard !topics.isEmpty else { return [:] }
        return try await queue.run { [handle] () throws(KafkaError) -> [String: [String: TopicConfigEntry]] in
            var resources: [OpaquePointer?] = []
            defer { for resource in resources { rd_kafka_ConfigResource_destroy(resource) } }
            for topic in topics {
                guard let resource = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic) else {
                    throw KafkaError.invalidConfig("config resource for topic \(topic)")
                }
                resources.append(resource)
            }
            return try AdminRequest.run(handle, operation: RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, what: "describe topic configs",
                                        timeoutMilliseconds: Int32(clamping: timeout.milliseconds)) { options, resultQueue in
                resources.withUnsafeMutableBufferPointer { buffer in
                    rd_kafka_DescribeConfigs(handle.pointer, buffer.baseAddress, buffer.count, options, resultQueue)
                }
            } read: { (event) throws(KafkaError) -> [String: [String: TopicConfigEntry]] in
                guard let result = rd_kafka_event_DescribeConfigs_result(event) else {
                    throw KafkaError(code: .failed, message: "describe topic configs: unexpected admin event")
                }
                var count = 0
                guard let described = rd_kafka_DescribeConfigs_result_resources(result, &count) else { return [:] }
                var configs: [String: [String: TopicConfigEntry]] = [:]
                for index in 0..<count {
                    guard let resource = described[index] else { continue }
                    let name = String(cString: rd_kafka_ConfigResource_name(resource))
                    try Self.check(resource, "describe configs of topic \(name)")
                    var entryCount = 0
                    var entries: [String: TopicConfigEntry] = [:]
                    if let raw = rd_kafka_ConfigResource_configs(resource, &entryCount) {
                        for entryIndex in 0..<entryCount {
                            guard let entry = raw[entryIndex] else { continue }
                            let key = String(cString: rd_kafka_ConfigEntry_name(entry))
                            entries[key] = TopicConfigEntry(name: key, value: rd_kafka_ConfigEntry_value(entry).map { String(cString: $0) },
                                                            isDefault: rd_kafka_ConfigEntry_is_default(entry) == 1)
                        }
                    }
                    configs[name] = entries
                }
                return configs
            }
        }
    }

    /// Sets these configs on these topics (IncrementalAlterConfigs, one SET per config): other
    /// configs of the topics stay as they are.
    public func alterTopicConfigs(_ changes: [String: [String: String]], timeout: Duration = .seconds(30)) async throws(KafkaError) {
        guard !changes.isEmpty else { return }
        try await queue.run { [handle] () throws(KafkaError) in
            var resources: [OpaquePointer?] = []
            defer { for resource in resources { rd_kafka_ConfigResource_destroy(resource) } }
            for (topic, configs) in changes.sorted(by: { $0.key < $1.key }) {
                guard let resource = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic) else {
                    throw KafkaError.invalidConfig("config resource for topic \(topic)")
                }
                resources.append(resource)
                for (name, value) in configs.sorted(by: { $0.key < $1.key }) {
                    let error = rd_kafka_ConfigResource_add_incremental_config(resource, name, RD_KAFKA_ALTER_CONFIG_OP_TYPE_SET, value)
                    defer { if let error { rd_kafka_error_destroy(error) } }
                    try AdminRequest.check(error, "set \(name)=\(value) on topic \(topic)")
                }
            }
            try AdminRequest.run(handle, operation: RD_KAFKA_ADMIN_OP_INCREMENTALALTERCONFIGS, what: "alter topic configs",
                                 timeoutMilliseconds: Int32(clamping: timeout.milliseconds)) { options, resultQueue in
                resources.withUnsafeMutableBufferPointer { buffer in
                    rd_kafka_IncrementalAlterConfigs(handle.pointer, buffer.baseAddress, buffer.count, options, resultQueue)
                }
            } read: { (event) throws(KafkaError) in
                guard let result = rd_kafka_event_IncrementalAlterConfigs_result(event) else {
                    throw KafkaError(code: .failed, message: "alter topic configs: unexpected admin event")
                }
                var count = 0
                guard let altered = rd_kafka_IncrementalAlterConfigs_result_resources(result, &count) else { return }
                for index in 0..<count {
                    guard let resource = altered[index] else { continue }
                    try Self.check(resource, "alter configs of topic \(String(cString: rd_kafka_ConfigResource_name(resource)))")
                }
            }
        }
    }

    /// The error of one config resource of a result, if any.
    private static func check(_ resource: OpaquePointer, _ what: String) throws(KafkaError) {
        let code = rd_kafka_ConfigResource_error(resource)
        guard code != RD_KAFKA_RESP_ERR_NO_ERROR else { return }
        let detail = rd_kafka_ConfigResource_error_string(resource).map { String(cString: $0) } ?? ""
        throw KafkaError(code, "\(what): \(detail)")
    }
}
