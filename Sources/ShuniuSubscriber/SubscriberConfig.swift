import ShuniuKafka
import ShuniuModel

/// How a department's subscriber runs.
public struct SubscriberConfig: Sendable {
    /// The department (its topic is `sub.<department>`).
    public var department: String
    /// Where the cluster is and how to connect.
    public var client = KafkaClientConfig()
    /// Keep running after the end of the stream (until shutdown) instead of stopping there.
    public var follow = false
    /// Records per poll (and per durable write).
    public var batchSize = 5_000
    /// Records polled while the sink was busy that are written as one transaction at most
    /// (group commit; a kill -9 loses none of them: their positions are not stored until written).
    public var maxGrouped = 50_000
    /// How often `onProgress` is called (with a fresh lag figure).
    public var progressInterval: Duration = .seconds(1)

    /// A subscriber for `department`.
    public init(department: String) { self.department = department }

    /// `sub.<department>`.
    public var topic: String { Topics.subscriber(department) }
    /// The department's own consumer group, `shuniu-sub.<department>`.
    public var groupID: String { "shuniu-sub.\(department)" }
}

/// What a subscriber has done in this run.
public struct SubscriberCounters: Sendable, Hashable {
    /// Records read from `sub.<department>`.
    public var read = 0
    /// Deliveries written to the sink.
    public var written = 0
    /// Repeats skipped (same grant and `ce_id`).
    public var duplicates = 0
    /// Records refused (no grant, basis or source header, or not a change event).
    public var refused = 0
    /// Records already in the sink before this run's position (skipped by offset).
    public var skipped = 0
    /// Records on the topic not yet written, at the last measurement (nil before the first).
    public var lag: Int64?

    /// A one-line summary for the progress line.
    public var line: String {
        "read \(read), written \(written), duplicates \(duplicates), refused \(refused)" + (lag.map { ", lag \($0)" } ?? "")
    }
}
