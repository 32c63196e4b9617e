/// A Kafka record header. Values are bytes; names are UTF-8 strings.
public struct KafkaHeader: Sendable, Hashable {
    /// The header name, e.g. `ce_id`.
    public var name: String
    /// The header value.
    public var value: [UInt8]

    /// Creates a header from a name and bytes.
    public init(name: String, value: [UInt8]) {
        self.name = name
        self.value = value
    }

    /// Creates a header whose value is the UTF-8 bytes of `string`.
    public init(name: String, string: String) {
        self.init(name: name, value: Array(string.utf8))
    }

    /// The value decoded as UTF-8.
    public var stringValue: String { String(decoding: value, as: UTF8.self) }
}

extension Array where Element == KafkaHeader {
    /// The value of the first header called `name`, if any.
    public func value(named name: String) -> [UInt8]? {
        first { $0.name == name }?.value
    }
}

/// A topic and one of its partitions.
public struct TopicPartition: Sendable, Hashable, CustomStringConvertible {
    /// The topic name.
    public var topic: String
    /// The partition number.
    public var partition: Int32

    /// Names a partition of a topic.
    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)[\(partition)]" }
}

/// A position in a partition: an absolute offset or one of librdkafka's logical offsets.
public struct KafkaOffset: Sendable, Hashable, CustomStringConvertible {
    /// The raw offset (negative values are logical positions).
    public var rawValue: Int64

    /// An absolute offset.
    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    /// The oldest record still in the partition.
    public static let beginning = KafkaOffset(-2)
    /// The next record to be written (only new records are read).
    public static let end = KafkaOffset(-1)
    /// The consumer group's committed offset (falls back to `auto.offset.reset`).
    public static let stored = KafkaOffset(-1000)

    public var description: String {
        switch self {
        case .beginning: "beginning"
        case .end: "end"
        case .stored: "stored"
        default: String(rawValue)
        }
    }
}

/// A partition with a position: where to start reading, or what to commit.
public struct TopicPartitionOffset: Sendable, Hashable {
    /// The topic name.
    public var topic: String
    /// The partition number.
    public var partition: Int32
    /// The position.
    public var offset: KafkaOffset

    /// Names a position in a partition.
    public init(topic: String, partition: Int32, offset: KafkaOffset) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}

/// The oldest and the next offset of a partition.
public struct Watermarks: Sendable, Hashable {
    /// The offset of the oldest record still stored.
    public var low: Int64
    /// The offset the next record will get (so `high - low` records are stored).
    public var high: Int64

    /// Creates watermarks.
    public init(low: Int64, high: Int64) {
        self.low = low
        self.high = high
    }
}
