import CRdKafka

extension KafkaError.Code {
    /// The record is larger than `message.max.bytes` (the producer's, or the broker's).
    public static let messageSizeTooLarge = KafkaError.Code(rawValue: RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE.rawValue)
    /// The broker found the record invalid.
    public static let invalidRecord = KafkaError.Code(rawValue: RD_KAFKA_RESP_ERR_INVALID_RECORD.rawValue)
    /// The broker found the record corrupt.
    public static let corruptMessage = KafkaError.Code(rawValue: RD_KAFKA_RESP_ERR_INVALID_MSG.rawValue)
    /// The batch holding the record was too large for the broker.
    public static let recordListTooLarge = KafkaError.Code(rawValue: RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE.rawValue)
}

extension KafkaError {
    /// Whether the error refuses this one record for what it is (its size, its bytes, its
    /// topic name) rather than reporting on the cluster or the producer: the same record would
    /// be refused again, while other records can still be produced. A service that stops on
    /// such an error stops on one input forever; it writes a stub in its place instead.
    public var refusesRecord: Bool {
        !isFatal && [Code.messageSizeTooLarge, .invalidRecord, .corruptMessage, .recordListTooLarge, .invalidArgument].contains(code)
    }
}
