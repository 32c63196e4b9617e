import ShuniuKafka
import ShuniuModel

/// How a projector runs. Every property has a working default.
public struct ProjectorConfig: Sendable {
    /// The cluster.
    public var client = KafkaClientConfig()
    /// Most records read in one poll.
    public var batchSize = 20_000
    /// Most changes grouped into one store transaction. While the store is busy with one
    /// transaction, polled batches are decoded and held; the next transaction takes them all
    /// (up to this many), so a store that falls behind writes larger, cheaper transactions and
    /// one that keeps up writes each batch as it comes.
    public var maxGrouped = 100_000
    /// Keep running for new records (`true`), or stop once the ends the source partitions had
    /// at start are reached (`false`: a catch-up or a rebuild).
    public var follow = true
    /// How long one poll waits for records.
    public var pollTimeout: Duration = .milliseconds(100)

    /// The defaults.
    public init() {}
}

/// What a projector has done so far.
public struct ProjectorCounters: Sendable, Hashable {
    /// Source records read.
    public var read = 0
    /// Changes that took effect.
    public var applied = 0
    /// Changes not newer than the stored slice.
    public var stale = 0
    /// Records refused by validation.
    public var rejected = 0
    /// Store transactions committed.
    public var batches = 0
    /// Polled batches decoded (several may share a transaction).
    public var polledBatches = 0
    /// Time spent waiting for the consumer's next batch (the broker is the bottleneck when
    /// this dominates).
    public var pollWait: Duration = .zero
    /// Time spent decoding and validating records.
    public var decoding: Duration = .zero
    /// Time spent waiting for the store to finish the previous batch (the store is the
    /// bottleneck when this dominates).
    public var storeWait: Duration = .zero
    /// Time the store spent applying batches (overlaps decoding).
    public var storing: Duration = .zero

    /// Where the time went: `poll wait 1.2 s, decoding 9.8 s, store wait 4.1 s; storing 12.0 s;
    /// 87 polled batches in 40 transactions`.
    public var stages: String {
        func tenths(_ duration: Duration) -> String { "\((duration.seconds * 10).rounded() / 10) s" }
        return "poll wait \(tenths(pollWait)), decoding \(tenths(decoding)), store wait \(tenths(storeWait)); "
            + "storing \(tenths(storing)); \(polledBatches) polled batches in \(batches) transactions"
    }

    /// Nothing yet.
    public init() {}
}
