import ShuniuKafka
import ShuniuModel

/// How far a router group is behind: per source partition, the high watermark minus the
/// group's committed offset.
public struct RouterLag: Sendable {
    let ends: EndOffsets
    let reader: KafkaConsumer

    /// Measures the lag of `groupID` on the cluster `client` names.
    public init(client: KafkaClientConfig, groupID: String) throws(KafkaError) {
        ends = try EndOffsets(client: client)
        reader = try KafkaConsumer(config: ConsumerConfig(client: client, groupID: groupID))
    }

    /// Records published to the themes' source topics and not yet committed by the group.
    public func records(themes: [Theme]) async throws(KafkaError) -> Int64 {
        let positions = themes.flatMap { theme in
            (0..<Int32(theme.partitions)).map { TopicPartition(topic: Topics.source(theme.id), partition: $0) }
        }
        return try await records(ends: try await self.ends.read(positions))
    }

    /// Records before `ends` (end offsets measured by the caller, e.g. once for several lags)
    /// not yet committed by the group.
    public func records(ends: [TopicPartition: Int64]) async throws(KafkaError) -> Int64 {
        let committed = try await reader.committed(Array(ends.keys))
        return committed.reduce(0) { lag, entry in
            let end = ends[TopicPartition(topic: entry.topic, partition: entry.partition)] ?? 0
            return lag + max(0, end - max(entry.offset.rawValue, 0))
        }
    }

    /// Waits until the lag is zero; throws `timedOut` after `timeout`.
    public func waitUntilCaughtUp(themes: [Theme], timeout: Duration, progress: (Int64) -> Void = { _ in }) async throws(KafkaError) {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let lag = try await records(themes: themes)
            progress(lag)
            if lag == 0 { return }
            try? await Task.sleep(for: .milliseconds(250))
        }
        throw KafkaError(code: .timedOut, message: "the router group did not catch up within \(timeout)")
    }

    /// Closes the clients.
    public func close() async { await reader.close() }
}
