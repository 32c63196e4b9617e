import CRdKafka

/// Kafka transactions, for clusters that honour them (`ProducerConfig.transactionalID` set).
///
/// Errors keep librdkafka's classification: `isRetriable` (call the same step again),
/// `requiresAbort` (call `abortTransaction`, then start over) and `isFatal` (recreate the
/// producer). Note: the Tansu dev broker leaves aborted records visible to `read_committed`
/// readers, so exactly-once cannot be demonstrated on it.
extension KafkaProducer {
    /// Registers the transactional id with the cluster and fences older instances.
    public func initTransactions(timeout: Duration = .seconds(30)) async throws(KafkaError) {
        try await transactionStep("init transactions") { rk in
            rd_kafka_init_transactions(rk, Int32(clamping: timeout.milliseconds))
        }
    }

    /// Starts a transaction; records sent until commit or abort belong to it.
    public func beginTransaction() async throws(KafkaError) {
        try await transactionStep("begin transaction") { rk in rd_kafka_begin_transaction(rk) }
    }

    /// Adds the consumer's positions to the transaction, so input offsets commit atomically
    /// with the output records.
    public func sendOffsetsToTransaction(_ offsets: [TopicPartitionOffset], consumer: KafkaConsumer,
                                         timeout: Duration = .seconds(30)) async throws(KafkaError) {
        let consumerHandle = consumer.handle
        try await transactionStep("send offsets to transaction") { rk in
            guard let metadata = rd_kafka_consumer_group_metadata(consumerHandle.pointer) else {
                return nil
            }
            defer { rd_kafka_consumer_group_metadata_destroy(metadata) }
            let list = PartitionList(offsets)
            return rd_kafka_send_offsets_to_transaction(rk, list.pointer, metadata,
                                                        Int32(clamping: timeout.milliseconds))
        }
    }

    /// Commits the transaction (flushing its records first).
    public func commitTransaction(timeout: Duration = .seconds(30)) async throws(KafkaError) {
        try await transactionStep("commit transaction") { rk in
            rd_kafka_commit_transaction(rk, Int32(clamping: timeout.milliseconds))
        }
    }

    /// Aborts the transaction; its records are marked aborted.
    public func abortTransaction(timeout: Duration = .seconds(30)) async throws(KafkaError) {
        try await transactionStep("abort transaction") { rk in
            rd_kafka_abort_transaction(rk, Int32(clamping: timeout.milliseconds))
        }
    }

    private func transactionStep(_ name: String,
                                 _ call: @escaping @Sendable (OpaquePointer) -> OpaquePointer?) async throws(KafkaError) {
        guard config.transactionalID != nil else {
            throw KafkaError.invalidConfig("\(name): the producer has no transactional id (set ProducerConfig.transactionalID)")
        }
        try await transactionQueue.run { [handle] () throws(KafkaError) in
            if let error = call(handle.pointer) { throw KafkaError(consuming: error, name) }
        }
    }
}
