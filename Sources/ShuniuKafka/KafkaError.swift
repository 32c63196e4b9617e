import CRdKafka

/// An error from the Kafka layer: a stable code, a human message and how to react to it.
///
/// Codes are librdkafka's (`rd_kafka_resp_err_t`): negative values are client-side
/// conditions (`_TRANSPORT`, `_MSG_TIMED_OUT`...), positive ones are the broker's.
/// A struct rather than an enum so that new codes never break callers.
public struct KafkaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A librdkafka error code with its symbolic name.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The raw `rd_kafka_resp_err_t` value.
        public let rawValue: Int32

        /// Wraps a raw librdkafka error code.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// librdkafka's symbolic name, e.g. `_MSG_TIMED_OUT` or `TOPIC_ALREADY_EXISTS`.
        public var name: String { String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(rawValue))) }
        public var description: String { name }

        /// An invalid argument or configuration value.
        public static let invalidArgument = Code(rawValue: RD_KAFKA_RESP_ERR__INVALID_ARG.rawValue)
        /// The client was closed.
        public static let destroyed = Code(rawValue: RD_KAFKA_RESP_ERR__DESTROY.rawValue)
        /// A message was not delivered within `message.timeout.ms`.
        public static let messageTimedOut = Code(rawValue: RD_KAFKA_RESP_ERR__MSG_TIMED_OUT.rawValue)
        /// An operation did not complete within its timeout.
        public static let timedOut = Code(rawValue: RD_KAFKA_RESP_ERR__TIMED_OUT.rawValue)
        /// The broker connection failed.
        public static let transport = Code(rawValue: RD_KAFKA_RESP_ERR__TRANSPORT.rawValue)
        /// librdkafka's local queue is full.
        public static let queueFull = Code(rawValue: RD_KAFKA_RESP_ERR__QUEUE_FULL.rawValue)
        /// The topic already exists (CreateTopics).
        public static let topicAlreadyExists = Code(rawValue: RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS.rawValue)
        /// The topic or partition is unknown to the cluster.
        public static let unknownTopicOrPartition = Code(rawValue: RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART.rawValue)
        /// The end of a partition was reached (only with `enable.partition.eof`).
        public static let partitionEOF = Code(rawValue: RD_KAFKA_RESP_ERR__PARTITION_EOF.rawValue)
        /// The message was purged from the queue before delivery (shutdown).
        public static let purged = Code(rawValue: RD_KAFKA_RESP_ERR__PURGE_QUEUE.rawValue)
        /// The message was purged while in flight.
        public static let purgedInFlight = Code(rawValue: RD_KAFKA_RESP_ERR__PURGE_INFLIGHT.rawValue)
        /// A generic failure of a transactional or admin step.
        public static let failed = Code(rawValue: RD_KAFKA_RESP_ERR__FAIL.rawValue)
        /// Local state does not permit the operation (e.g. a partition that is not assigned).
        public static let state = Code(rawValue: RD_KAFKA_RESP_ERR__STATE.rawValue)
        /// The cluster does not implement the request (`_UNSUPPORTED_FEATURE`).
        public static let unsupportedFeature = Code(rawValue: RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE.rawValue)
    }

    /// What went wrong, as a stable code.
    public var code: Code
    /// A human message with the detail librdkafka gave.
    public var message: String
    /// Trying the same operation again may succeed (a broker outage, a timeout).
    public var isRetriable: Bool
    /// The client is unusable and must be recreated (e.g. a fenced transactional producer).
    public var isFatal: Bool
    /// A transaction must be aborted before the producer can go on.
    public var requiresAbort: Bool

    /// Creates an error; retriability defaults to librdkafka's classification of `code`.
    public init(code: Code, message: String, isRetriable: Bool? = nil, isFatal: Bool = false,
                requiresAbort: Bool = false) {
        self.code = code
        self.message = message
        self.isRetriable = isRetriable ?? Self.retriableCodes.contains(code.rawValue)
        self.isFatal = isFatal
        self.requiresAbort = requiresAbort
    }

    public var description: String {
        var flags: [String] = []
        if isRetriable { flags.append("retriable") }
        if isFatal { flags.append("fatal") }
        if requiresAbort { flags.append("abort transaction") }
        let suffix = flags.isEmpty ? "" : " [\(flags.joined(separator: ", "))]"
        return "Kafka \(code.name): \(message)\(suffix)"
    }

    /// Codes that describe a passing condition: a broker restart, a leader change, a timeout.
    static let retriableCodes: Set<Int32> = [
        RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__MSG_TIMED_OUT, RD_KAFKA_RESP_ERR__TIMED_OUT,
        RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, RD_KAFKA_RESP_ERR__QUEUE_FULL, RD_KAFKA_RESP_ERR__RESOLVE,
        RD_KAFKA_RESP_ERR__WAIT_COORD, RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE, RD_KAFKA_RESP_ERR__PURGE_QUEUE,
        RD_KAFKA_RESP_ERR__PURGE_INFLIGHT, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION,
        RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
        RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION,
        RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS, RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
        RD_KAFKA_RESP_ERR_NOT_COORDINATOR, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
        RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
        RD_KAFKA_RESP_ERR_CONCURRENT_TRANSACTIONS, RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS,
    ].reduce(into: Set<Int32>()) { $0.insert($1.rawValue) }
}

extension KafkaError {
    /// An error from a plain librdkafka response code.
    init(_ err: rd_kafka_resp_err_t, _ context: String) {
        let detail = String(cString: rd_kafka_err2str(err))
        self.init(code: Code(rawValue: err.rawValue), message: "\(context): \(detail)")
    }

    /// An error from a librdkafka `rd_kafka_error_t`, which it destroys.
    init(consuming error: OpaquePointer, _ context: String) {
        defer { rd_kafka_error_destroy(error) }
        self.init(code: Code(rawValue: rd_kafka_error_code(error).rawValue),
                  message: "\(context): \(String(cString: rd_kafka_error_string(error)))",
                  isRetriable: rd_kafka_error_is_retriable(error) != 0,
                  isFatal: rd_kafka_error_is_fatal(error) != 0,
                  requiresAbort: rd_kafka_error_txn_requires_abort(error) != 0)
    }

    /// A configuration key or value librdkafka refused.
    static func invalidConfig(_ message: String) -> KafkaError {
        KafkaError(code: .invalidArgument, message: message, isRetriable: false)
    }

    /// The client has been closed.
    static func closed(_ what: String) -> KafkaError {
        KafkaError(code: .destroyed, message: "\(what) is closed", isRetriable: false)
    }
}
