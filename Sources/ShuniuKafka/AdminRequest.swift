import CRdKafka

/// One admin request of librdkafka's asynchronous Admin API, run to its result event. Blocking:
/// call it on the admin client's queue.
enum AdminRequest {
    /// Creates a result queue and options for `operation`, lets `issue` send the request, waits
    /// for the result event and hands it to `read` (the event is destroyed afterwards).
    static func run<T>(_ handle: RdKafkaHandle, operation: rd_kafka_admin_op_t, what: String, timeoutMilliseconds: Int32,
                       issue: (OpaquePointer?, OpaquePointer?) -> Void,
                       read: (OpaquePointer) throws(KafkaError) -> T) throws(KafkaError) -> T {
        var errorText = [CChar](repeating: 0, count: 512)
        guard let resultQueue = rd_kafka_queue_new(handle.pointer) else { throw KafkaError.closed("admin client") }
        defer { rd_kafka_queue_destroy(resultQueue) }
        let options = rd_kafka_AdminOptions_new(handle.pointer, operation)
        defer { rd_kafka_AdminOptions_destroy(options) }
        rd_kafka_AdminOptions_set_request_timeout(options, timeoutMilliseconds, &errorText, errorText.count)
        issue(options, resultQueue)
        guard let event = rd_kafka_queue_poll(resultQueue, timeoutMilliseconds + 1000) else {
            throw KafkaError(code: .timedOut, message: "\(what): no answer from the cluster")
        }
        defer { rd_kafka_event_destroy(event) }
        let eventError = rd_kafka_event_error(event)
        if eventError != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(eventError, "\(what): \(String(cString: rd_kafka_event_error_string(event)))")
        }
        return try read(event)
    }

    /// The text librdkafka wrote into an error buffer.
    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The error of a per-item result, if any.
    static func check(_ error: OpaquePointer?, _ what: String) throws(KafkaError) {
        guard let error else { return }
        let code = rd_kafka_error_code(error)
        guard code != RD_KAFKA_RESP_ERR_NO_ERROR else { return }
        throw KafkaError(code, "\(what): \(String(cString: rd_kafka_error_string(error)))")
    }
}
