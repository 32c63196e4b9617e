import CRdKafka

/// Turns librdkafka messages into `ConsumerMessage`s. Used only on the consumer's serial
/// queue.
///
/// `@unchecked Sendable`: its topic-name cache is touched only from that one queue.
final class MessageReader: @unchecked Sendable {
    private let handle: RdKafkaHandle
    private var topicNames: [OpaquePointer: String] = [:]

    init(handle: RdKafkaHandle) { self.handle = handle }

    /// Blocks up to `timeoutMilliseconds` for a first message, then drains what is ready.
    func read(maxMessages: Int, timeoutMilliseconds: Int32) throws(KafkaError) -> ConsumerBatch {
        var batch = ConsumerBatch()
        batch.messages.reserveCapacity(min(maxMessages, 1024))
        var timeout = timeoutMilliseconds
        while batch.messages.count < maxMessages, let raw = rd_kafka_consumer_poll(handle.pointer, timeout) {
            timeout = 0
            defer { rd_kafka_message_destroy(raw) }
            let message = raw.pointee
            if message.err == RD_KAFKA_RESP_ERR_NO_ERROR {
                batch.messages.append(convert(raw))
            } else if message.err == RD_KAFKA_RESP_ERR__PARTITION_EOF {
                batch.endOfPartition.append(TopicPartition(topic: topicName(message.rkt), partition: message.partition))
            } else {
                let error = KafkaError(message.err, "consume \(message.rkt.map { topicName($0) } ?? "")")
                if message.err == RD_KAFKA_RESP_ERR__FATAL {
                    throw KafkaError(code: error.code, message: error.message, isRetriable: false, isFatal: true)
                }
                handle.context.logger.warning("\(error)")
                batch.errors.append(error)
            }
        }
        return batch
    }

    private func topicName(_ rkt: OpaquePointer?) -> String {
        guard let rkt else { return "" }
        if let name = topicNames[rkt] { return name }
        let name = String(cString: rd_kafka_topic_name(rkt))
        topicNames[rkt] = name
        return name
    }

    private func convert(_ raw: UnsafeMutablePointer<rd_kafka_message_t>) -> ConsumerMessage {
        let message = raw.pointee
        let key: [UInt8]? = message.key.map {
            Array(UnsafeRawBufferPointer(start: $0, count: message.key_len))
        }
        let value: [UInt8] = message.payload.map {
            Array(UnsafeRawBufferPointer(start: $0, count: message.len))
        } ?? []
        var headers: [KafkaHeader] = []
        var list: OpaquePointer?
        if rd_kafka_message_headers(raw, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list {
            let count = rd_kafka_header_cnt(list)
            headers.reserveCapacity(count)
            var name: UnsafePointer<CChar>?
            var bytes: UnsafeRawPointer?
            var size = 0
            for index in 0..<count where rd_kafka_header_get_all(list, index, &name, &bytes, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                let headerValue = bytes.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) } ?? []
                headers.append(KafkaHeader(name: name.map { String(cString: $0) } ?? "", value: headerValue))
            }
        }
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(raw, &timestampType)
        return ConsumerMessage(topic: topicName(message.rkt), partition: message.partition, offset: message.offset,
                               key: key, value: value, headers: headers, timestamp: timestamp)
    }
}
