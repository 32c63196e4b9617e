import CRdKafka
import Foundation
import Logging
import Synchronization

/// Produces records to Kafka with delivery reports, back-pressure and optional transactions.
///
/// Records are handed to librdkafka in batches by `enqueue`, which waits (never drops) when
/// librdkafka's queue is full; `PendingDelivery.reports()` then waits for the broker's
/// acknowledgements. Enqueueing and blocking calls run on the producer's own serial queue;
/// delivery reports are served by a dedicated poll thread.
public final class KafkaProducer: Sendable {
    /// The settings this producer was created with.
    public let config: ProducerConfig
    let handle: RdKafkaHandle
    private let queue: BlockingQueue
    /// Runs blocking transaction calls, apart from enqueueing so that commit can wait for it.
    let transactionQueue: BlockingQueue
    private let poller: PollThread
    private let closed = Atomic<Bool>(false)

    /// Creates a producer; fails with `invalidArgument` naming any property librdkafka refuses.
    public init(config: ProducerConfig, logger: Logger = Logger(label: "shuniu.kafka.producer")) throws(KafkaError) {
        self.config = config
        handle = try RdKafkaHandle(type: RD_KAFKA_PRODUCER, properties: config.librdkafkaProperties,
                                   context: ClientContext(logger: logger)) { conf in
            rd_kafka_conf_set_dr_msg_cb(conf) { _, message, _ in
                guard let message, let opaque = message.pointee._private else { return }
                let slot = opaque.assumingMemoryBound(to: DeliverySlot.self).pointee
                let batch = Unmanaged<PendingDelivery>.fromOpaque(slot.batch).takeUnretainedValue()
                let err = message.pointee.err
                let error = err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil
                    : KafkaError(err, "delivery to \(String(cString: rd_kafka_topic_name(message.pointee.rkt)))")
                batch.complete(index: slot.index, partition: message.pointee.partition,
                               offset: message.pointee.offset, error: error)
            }
        }
        queue = BlockingQueue(label: "shuniu.kafka.producer.\(config.client.clientID)")
        transactionQueue = BlockingQueue(label: "shuniu.kafka.transactions.\(config.client.clientID)")
        poller = PollThread(handle: handle, name: "shuniu.kafka.poll")
    }

    deinit { poller.stop() }

    /// Hands `records` to librdkafka in order, waiting while its queue is full, and returns
    /// once all are queued. Await `reports()` on the result for the broker's answers.
    public func enqueue(_ records: [ProducerRecord]) async throws(KafkaError) -> PendingDelivery {
        guard !closed.load(ordering: .acquiring) else { throw .closed("producer") }
        let batch = PendingDelivery(count: records.count)
        guard !records.isEmpty else { return batch }
        batch.retainForDelivery()
        return try await queue.run { [handle] () throws(KafkaError) -> PendingDelivery in
            var topicName = ""
            var rkt: OpaquePointer?
            for index in records.indices {
                let record = records[index]
                if rkt == nil || record.topic != topicName {
                    topicName = record.topic
                    rkt = handle.topic(topicName)
                }
                Self.enqueue(record, rkt: rkt, slot: batch.slots + index, handle: handle, batch: batch, index: index)
                // Serve ready delivery reports here too, as a plain C loop would: fewer
                // cross-thread wake-ups of the poll thread.
                if index & 1023 == 1023 { rd_kafka_poll(handle.pointer, 0) }
            }
            return batch
        }
    }

    /// Produces `records` and waits for every delivery report (in record order).
    public func send(_ records: [ProducerRecord]) async throws(KafkaError) -> [DeliveryReport] {
        try await enqueue(records).reports()
    }

    /// Produces one record and waits for its delivery report; throws if it was not delivered.
    @discardableResult
    public func send(_ record: ProducerRecord) async throws(KafkaError) -> DeliveryReport {
        let report = try await send([record])[0]
        if let error = report.error { throw error }
        return report
    }

    /// Waits until every queued record is delivered or failed, at most `timeout`.
    public func flush(timeout: Duration = .seconds(30)) async throws(KafkaError) {
        try await queue.run { [handle] () throws(KafkaError) in
            let err = rd_kafka_flush(handle.pointer, Int32(clamping: timeout.milliseconds))
            if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, "flush") }
        }
    }

    /// Flushes for at most `timeout`, then fails whatever is still queued (its reports say
    /// `_PURGE_QUEUE`) and stops serving callbacks. Further sends throw `destroyed`.
    public func close(timeout: Duration = .seconds(30)) async {
        guard closed.exchange(true, ordering: .acquiringAndReleasing) == false else { return }
        try? await queue.run { [handle, poller] () throws(KafkaError) in
            rd_kafka_flush(handle.pointer, Int32(clamping: timeout.milliseconds))
            rd_kafka_purge(handle.pointer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
            rd_kafka_poll(handle.pointer, 0)
            poller.stop()
        }
    }

    /// The error that made this producer unusable, if one did (e.g. fenced by a newer
    /// transactional instance).
    public var fatalError: KafkaError? {
        var text = [CChar](repeating: 0, count: 512)
        let err = rd_kafka_fatal_error(handle.pointer, &text, text.count)
        guard err != RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        let message = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return KafkaError(code: .init(rawValue: err.rawValue), message: message, isRetriable: false, isFatal: true)
    }

    /// Enqueues one record, retrying while librdkafka's queue is full (back-pressure).
    private static func enqueue(_ record: ProducerRecord, rkt: OpaquePointer?, slot: UnsafeMutablePointer<DeliverySlot>,
                                handle: RdKafkaHandle, batch: PendingDelivery, index: Int) {
        guard let rkt else {
            batch.complete(index: index, partition: -1, offset: -1,
                           error: KafkaError.invalidConfig("invalid topic name '\(record.topic)'"))
            return
        }
        let partition = record.partition ?? RD_KAFKA_PARTITION_UA
        while true {
            let headers = makeHeaders(record.headers)
            let err = withKeyBytes(record.key) { key, keyLength in
                withBytes(record.value) { value, valueLength in
                    shuniu_produce(handle.pointer, rkt, partition, key, keyLength, value, valueLength,
                                   headers, UnsafeMutableRawPointer(slot))
                }
            }
            if err == RD_KAFKA_RESP_ERR_NO_ERROR { return }
            if let headers { rd_kafka_headers_destroy(headers) }
            if err == RD_KAFKA_RESP_ERR__QUEUE_FULL {
                rd_kafka_poll(handle.pointer, 5)
                continue
            }
            batch.complete(index: index, partition: -1, offset: -1,
                           error: KafkaError(err, "produce to \(record.topic)"))
            return
        }
    }

    private static func makeHeaders(_ headers: [KafkaHeader]) -> OpaquePointer? {
        guard !headers.isEmpty, let list = rd_kafka_headers_new(headers.count) else { return nil }
        for header in headers {
            header.value.withUnsafeBytes { bytes in
                _ = rd_kafka_header_add(list, header.name, -1, bytes.baseAddress, bytes.count)
            }
        }
        return list
    }

    /// An empty key is an empty key, not a null one: librdkafka writes a key whenever its
    /// pointer is not NULL, so an empty array is passed as a valid pointer of length 0.
    private static func withKeyBytes<T>(_ bytes: [UInt8]?, _ body: (UnsafeRawPointer?, Int) -> T) -> T {
        guard let bytes else { return body(nil, 0) }
        guard bytes.isEmpty else { return bytes.withUnsafeBytes { body($0.baseAddress, $0.count) } }
        return withUnsafeBytes(of: UInt8(0)) { body($0.baseAddress, 0) }
    }

    private static func withBytes<T>(_ bytes: [UInt8]?, _ body: (UnsafeRawPointer?, Int) -> T) -> T {
        guard let bytes, !bytes.isEmpty else { return body(nil, 0) }
        return bytes.withUnsafeBytes { body($0.baseAddress, $0.count) }
    }
}
