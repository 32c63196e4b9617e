import CRdKafka

/// The consumer's rebalance callback: tells the listener, commits the stored offsets of
/// revoked partitions, then applies the change (eager or cooperative protocol alike).
enum Rebalance {
    static func handle(rk: OpaquePointer, err: rd_kafka_resp_err_t,
                       partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) {
        let context = ClientContext.of(rk)
        let cooperative = String(cString: rd_kafka_rebalance_protocol(rk)) == "COOPERATIVE"
        let changed = PartitionList.entries(of: partitions).map { TopicPartition(topic: $0.topic, partition: $0.partition) }
        switch err {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            if let positions = context?.startPositions?(changed), let list = partitions, let elements = list.pointee.elems {
                for index in 0..<Int(list.pointee.cnt) {
                    let key = TopicPartition(topic: String(cString: elements[index].topic), partition: elements[index].partition)
                    if let offset = positions[key] { elements[index].offset = offset.rawValue }
                }
            }
            if cooperative {
                if let error = rd_kafka_incremental_assign(rk, partitions) {
                    context?.logger.error("\(KafkaError(consuming: error, "incremental assign"))")
                }
            } else {
                rd_kafka_assign(rk, partitions)
            }
            context?.logger.info("assigned \(changed.map(\.description).joined(separator: ", "))")
            context?.rebalanceListener?(.assigned(changed))
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            context?.rebalanceListener?(.revoking(changed))
            let commit = rd_kafka_commit(rk, nil, 0)
            if commit != RD_KAFKA_RESP_ERR_NO_ERROR && commit != RD_KAFKA_RESP_ERR__NO_OFFSET {
                context?.logger.warning("commit on revocation failed: \(KafkaError(commit, "commit"))")
            }
            if cooperative {
                if let error = rd_kafka_incremental_unassign(rk, partitions) {
                    context?.logger.error("\(KafkaError(consuming: error, "incremental unassign"))")
                }
            } else {
                rd_kafka_assign(rk, nil)
            }
            context?.logger.info("revoked \(changed.map(\.description).joined(separator: ", "))")
        default:
            context?.logger.error("rebalance failed: \(KafkaError(err, "rebalance"))")
            rd_kafka_assign(rk, nil)
        }
    }
}
