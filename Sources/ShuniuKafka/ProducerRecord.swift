/// A record to produce: topic, optional explicit partition, key, value and headers.
public struct ProducerRecord: Sendable {
    /// The destination topic.
    public var topic: String
    /// An explicit partition; `nil` lets the partitioner choose by key (same key, same partition).
    public var partition: Int32?
    /// The record key (the subject id for change events).
    public var key: [UInt8]?
    /// The record value; `nil` or empty for a delete.
    public var value: [UInt8]?
    /// Record headers, in order.
    public var headers: [KafkaHeader]

    /// Creates a record.
    public init(topic: String, partition: Int32? = nil, key: [UInt8]? = nil, value: [UInt8]?,
                headers: [KafkaHeader] = []) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
    }
}
