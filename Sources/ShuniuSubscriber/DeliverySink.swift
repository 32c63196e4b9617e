import ShuniuKafka

/// What a poll of `sub.<department>` produced, ready to be written in one step: the deliveries
/// in order, the refusals, and the next offset of every partition they came from.
public struct SubscriberBatch: Sendable {
    /// Deliveries in the order read (ordered per partition).
    public var deliveries: [Delivery] = []
    /// Records refused, with the reason.
    public var refusals: [DeliveryRefusal] = []
    /// Per partition, the offset of the next record to read once this batch is written.
    public var positions: [TopicPartition: Int64] = [:]

    /// An empty batch.
    public init() {}
}

/// What writing a batch did.
public struct SinkResult: Sendable, Hashable {
    /// Deliveries written (new ones).
    public var written = 0
    /// Deliveries skipped because the same grant and `ce_id` was written before.
    public var duplicates = 0

    /// A result with these counts.
    public init(written: Int = 0, duplicates: Int = 0) {
        self.written = written
        self.duplicates = duplicates
    }
}

/// Where a subscriber's deliveries go. A sink that keeps positions writes each batch and its
/// positions atomically (all or nothing), so that a restart, even after kill -9, resumes exactly
/// after the last batch written: nothing lost, nothing written twice.
///
/// Sinks are used by one task at a time (the subscriber's loop).
public protocol DeliverySink: AnyObject {
    /// The next offset to read per partition, as written with the last batch; nil when the sink
    /// keeps no positions (stdout), so the consumer group's commits are used.
    var positions: [TopicPartition: Int64]? { get }
    /// Writes the batch's new deliveries (skipping repeats) and its positions, durably.
    func write(_ batch: SubscriberBatch) throws -> SinkResult
    /// Refusals recorded so far (over every run, where the sink keeps them).
    var refusedTotal: Int { get }
}
