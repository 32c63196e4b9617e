import CRdKafka
import Dispatch
import Logging

/// What a librdkafka callback needs to reach: the logger and, for consumers, the rebalance
/// listener. Its address is the client's `opaque`; the handle keeps it alive until after
/// `rd_kafka_destroy`, so no callback can outlive it.
final class ClientContext: Sendable {
    let logger: Logger
    let rebalanceListener: (@Sendable (RebalanceEvent) -> Void)?
    let startPositions: (@Sendable ([TopicPartition]) -> [TopicPartition: KafkaOffset])?

    init(logger: Logger, rebalanceListener: (@Sendable (RebalanceEvent) -> Void)? = nil,
         startPositions: (@Sendable ([TopicPartition]) -> [TopicPartition: KafkaOffset])? = nil) {
        self.logger = logger
        self.rebalanceListener = rebalanceListener
        self.startPositions = startPositions
    }

    /// Recovers the context from a client handle inside a C callback.
    static func of(_ rk: OpaquePointer?) -> ClientContext? {
        guard let rk, let raw = rd_kafka_opaque(rk) else { return nil }
        return Unmanaged<ClientContext>.fromOpaque(raw).takeUnretainedValue()
    }
}

/// Owns one `rd_kafka_t` (and the topic handles made from it) and frees them in `deinit`.
///
/// `@unchecked Sendable`: librdkafka documents `rd_kafka_t` as thread-safe for every call we
/// make on it; the topic-handle cache is guarded by a lock.
final class RdKafkaHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    let context: ClientContext
    private let isConsumer: Bool
    private let topicLock = DispatchQueue(label: "shuniu.kafka.topics")
    private var topics: [String: OpaquePointer] = [:]
    private var consumerClosed = false

    /// Creates a client of `type` from string properties, wiring the log callback.
    init(type: rd_kafka_type_t, properties: [String: String], context: ClientContext,
         configure: (OpaquePointer) -> Void = { _ in }) throws(KafkaError) {
        let conf = try RdKafkaConf.make(properties)
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(context).toOpaque())
        rd_kafka_conf_set_log_cb(conf) { rk, level, facility, text in
            guard let context = ClientContext.of(rk), let text else { return }
            let message = "\(facility.map { String(cString: $0) } ?? "rdkafka"): \(String(cString: text))"
            // Notes that a property we set on purpose is experimental are not warnings to users.
            let level = message.contains("is experimental") ? 7 : level
            switch level {
            case 0...3: context.logger.error("\(message)")
            case 4: context.logger.warning("\(message)")
            default: context.logger.debug("\(message)")
            }
        }
        configure(conf)
        self.pointer = try RdKafkaConf.client(type: type, conf: conf)
        self.context = context
        self.isConsumer = type == RD_KAFKA_CONSUMER
    }

    /// The cached `rd_kafka_topic_t` for `name`, created on first use.
    func topic(_ name: String) -> OpaquePointer? {
        topicLock.sync {
            if let cached = topics[name] { return cached }
            guard let rkt = rd_kafka_topic_new(pointer, name, nil) else { return nil }
            topics[name] = rkt
            return rkt
        }
    }

    /// Leaves the consumer group cleanly (commits nothing by itself). Blocking: call it on a
    /// dedicated queue.
    func closeConsumer() -> rd_kafka_resp_err_t {
        let shouldClose = topicLock.sync { () -> Bool in
            defer { consumerClosed = true }
            return isConsumer && !consumerClosed
        }
        return shouldClose ? rd_kafka_consumer_close(pointer) : RD_KAFKA_RESP_ERR_NO_ERROR
    }

    deinit {
        if isConsumer && !consumerClosed { rd_kafka_consumer_close(pointer) }
        for rkt in topics.values { rd_kafka_topic_destroy(rkt) }
        rd_kafka_destroy(pointer)
    }
}

/// A serial queue for blocking librdkafka calls (`flush`, `poll` with a timeout, `commit`),
/// so that they never occupy a thread of the Swift cooperative pool.
struct BlockingQueue: Sendable {
    private let queue: DispatchQueue

    init(label: String) { queue = DispatchQueue(label: label) }

    /// Runs `body` on the queue and resumes the caller with its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws(KafkaError) -> T) async throws(KafkaError) -> T {
        let result: Result<T, KafkaError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(KafkaError) -> T in try body() })
            }
        }
        return try result.get()
    }
}
