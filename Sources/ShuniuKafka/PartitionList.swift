import CRdKafka

/// Owns an `rd_kafka_topic_partition_list_t` and destroys it in `deinit`.
final class PartitionList {
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    /// A list holding `entries` with their offsets.
    init(_ entries: [TopicPartitionOffset]) {
        pointer = rd_kafka_topic_partition_list_new(Int32(max(entries.count, 1)))
        for entry in entries {
            let element = rd_kafka_topic_partition_list_add(pointer, entry.topic, entry.partition)
            element?.pointee.offset = entry.offset.rawValue
        }
    }

    /// Takes ownership of a list librdkafka returned.
    init(owning pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        self.pointer = pointer
    }

    deinit { rd_kafka_topic_partition_list_destroy(pointer) }

    /// The entries of a list librdkafka owns (read without taking ownership).
    static func entries(of list: UnsafePointer<rd_kafka_topic_partition_list_t>?) -> [TopicPartitionOffset] {
        guard let list, let elements = list.pointee.elems else { return [] }
        return (0..<Int(list.pointee.cnt)).map { index in
            let element = elements[index]
            return TopicPartitionOffset(topic: String(cString: element.topic), partition: element.partition,
                                        offset: KafkaOffset(element.offset))
        }
    }

    /// The entries of this list.
    var entries: [TopicPartitionOffset] { Self.entries(of: pointer) }

    /// The first per-partition error in the list, if any.
    func firstError(_ context: String) -> KafkaError? {
        guard let elements = pointer.pointee.elems else { return nil }
        for index in 0..<Int(pointer.pointee.cnt) where elements[index].err != RD_KAFKA_RESP_ERR_NO_ERROR {
            let element = elements[index]
            return KafkaError(element.err, "\(context) \(String(cString: element.topic))[\(element.partition)]")
        }
        return nil
    }
}
