import ShuniuKafka
import ShuniuModel

/// How far a projection target's store is behind its source topics: the sum over partitions
/// of (end offset − stored position). Used to wait for a projector to catch up.
public struct ProjectorLag: Sendable {
    private let ends: EndOffsets

    /// Measures against the cluster `client` names.
    public init(client: KafkaClientConfig) throws(KafkaError) { ends = try EndOffsets(client: client) }

    /// Records in `partitions` not yet in the store whose positions are `stored`.
    public func behind(_ partitions: [SourcePartition], stored: [SourcePartition: Int64]) async throws(KafkaError) -> Int64 {
        let found = try await ends.read(partitions.map { TopicPartition(topic: $0.topic, partition: $0.partition) })
        return found.reduce(0) { $0 + max(0, $1.value - stored[SourcePartition(topic: $1.key.topic, partition: $1.key.partition), default: 0]) }
    }

    /// Waits until `target`'s store holds every record its topics have now; `progress` is
    /// called with the records still to go.
    public func waitUntilCaughtUp<Target: ProjectionTarget>(_ target: Target, catalogue: Catalogue, timeout: Duration,
                                                           progress: (Int64) -> Void = { _ in }) async throws {
        let partitions = catalogue.themes.filter { target.sourceTopics.contains(Topics.source($0.id)) }.flatMap { theme in
            (0..<Int32(theme.partitions)).map { SourcePartition(topic: Topics.source(theme.id), partition: $0) }
        }
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = try await behind(partitions, stored: try target.positions())
            progress(remaining)
            if remaining == 0 { return }
            guard ContinuousClock.now < deadline else {
                throw ProjectorError(code: "lagging", message: "the projector is still \(remaining) records behind after \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(300))
        }
    }
}
