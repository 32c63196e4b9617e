import ShuniuKafka
import ShuniuModel
import ShuniuStreams

/// Reads the themes' current state from their `src.<theme>` topics: the true end offsets of
/// every partition first (``EndOffsets``), then every record below them in one assignment,
/// validated with ``EventValidator`` (invalid records are counted and left out) and folded into
/// one ``ThemeState`` per theme. Records written after the ends were taken are not reflected,
/// so the same ends always give the same state.
///
/// One admin client, one end-offset reader and one consumer are kept and reused; the reader's
/// fetch wait is short (100 ms) because a bounded read ends on an idle partition. Passes must not overlap:
/// the ``OpenDataService`` runs them one after another.
public struct KafkaOpenDataSource: OpenDataSource {
    private let admin: KafkaAdmin
    private let ends: EndOffsets
    private let reader: KafkaConsumer
    private let validator: EventValidator

    /// A source on the cluster `client` names, validating against `catalogue`.
    public init(client: KafkaClientConfig, catalogue: Catalogue) throws(KafkaError) {
        admin = try KafkaAdmin(client: client)
        ends = try EndOffsets(client: client)
        var readerClient = client
        readerClient.properties["fetch.wait.max.ms"] = client.properties["fetch.wait.max.ms"] ?? "100"
        reader = try KafkaConsumer(config: ConsumerConfig(client: readerClient))
        validator = EventValidator(catalogue: catalogue)
    }

    /// The end offsets of the themes' source partitions (topics that do not exist are skipped).
    public func positions(of themes: [Theme]) async throws -> [SourcePosition] {
        let existing = try await admin.listTopics()
        let partitions = Dictionary(existing.map { ($0.name, $0.partitions) }, uniquingKeysWith: { first, _ in first })
        let wanted = themes.flatMap { theme -> [TopicPartition] in
            let topic = Topics.source(theme.id)
            return (0..<Int32(partitions[topic] ?? 0)).map { TopicPartition(topic: topic, partition: $0) }
        }
        let offsets = try await ends.read(wanted)
        return wanted.map { SourcePosition(topic: $0.topic, partition: $0.partition, endOffset: offsets[$0] ?? 0) }.sorted()
    }

    /// The themes' states at the end offsets taken now.
    public func snapshots(of themes: [Theme]) async throws -> [String: ThemeSnapshot] {
        let positions = try await positions(of: themes)
        let themeOfTopic = Dictionary(themes.map { (Topics.source($0.id), $0.id) }, uniquingKeysWith: { first, _ in first })
        var states = Dictionary(themes.map { ($0.id, ThemeState(theme: $0.id)) }, uniquingKeysWith: { first, _ in first })
        var invalid: [String: Int] = [:]
        let open = positions.filter { $0.endOffset > 0 }
        if !open.isEmpty {
            let endOf = Dictionary(open.map { (TopicPartition(topic: $0.topic, partition: $0.partition), $0.endOffset) },
                                   uniquingKeysWith: { first, _ in first })
            try reader.assign(open.map { TopicPartitionOffset(topic: $0.topic, partition: $0.partition, offset: .beginning) })
            var remaining = Set(endOf.keys)
            let deadline = ContinuousClock.now + .seconds(300)
            while !remaining.isEmpty {
                guard ContinuousClock.now < deadline else {
                    throw KafkaError(code: .timedOut, message: "open data: \(remaining.count) source partition(s) did not reach their end offsets within 300 s (first: \(remaining.first!.topic)/\(remaining.first!.partition))")
                }
                let batch = try await reader.poll(maxMessages: 10_000, timeout: .milliseconds(100))
                for message in batch.messages {
                    let partition = TopicPartition(topic: message.topic, partition: message.partition)
                    let end = endOf[partition] ?? 0
                    guard message.offset < end, let theme = themeOfTopic[message.topic] else { continue }
                    if message.offset == end - 1 { remaining.remove(partition) }
                    do {
                        states[theme]?.apply(try validator.validate(key: message.key, headers: message.envelopeHeaders, value: message.value))
                    } catch {
                        invalid[theme, default: 0] += 1
                    }
                }
            }
            try reader.assign([])
        }
        var result: [String: ThemeSnapshot] = [:]
        for theme in themes {
            let topic = Topics.source(theme.id)
            result[theme.id] = ThemeSnapshot(state: states[theme.id]!, positions: positions.filter { $0.topic == topic },
                                             invalid: invalid[theme.id] ?? 0)
        }
        return result
    }
}
