import ShuniuKafka
import ShuniuModel
import ShuniuStreams

/// Reads the themes' current state from their `src.<theme>` topics: the true end offsets of
/// every partition of every theme at once (``EndOffsets``), then, one theme at a time, every
/// record below them, validated with ``EventValidator`` (invalid records are counted and left
/// out) and folded into a ``ThemeState``. Records written after the ends were taken are not
/// reflected, so the same ends always give the same state; one theme's state is in memory at a
/// time.
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

    /// The theme's state at `positions`: every record below them, read with the kept consumer.
    public func snapshot(of theme: Theme, at positions: [SourcePosition]) async throws -> ThemeSnapshot {
        let topic = Topics.source(theme.id)
        let mine = positions.filter { $0.topic == topic }
        var state = ThemeState(theme: theme.id)
        var invalid = 0
        let endOf = Dictionary(mine.filter { $0.endOffset > 0 }.map { ($0.partition, $0.endOffset) }, uniquingKeysWith: { first, _ in first })
        guard !endOf.isEmpty else { return ThemeSnapshot(state: state, positions: mine) }
        // Offset 0 rather than the logical beginning: resolving `.beginning` costs a ListOffsets
        // round trip per assignment (0.5 s a theme on the dev broker); below the log start
        // (retention on a real cluster) auto.offset.reset=earliest moves the read up.
        try reader.assign(endOf.keys.sorted().map { TopicPartitionOffset(topic: topic, partition: $0, offset: KafkaOffset(0)) })
        var remaining = Set(endOf.keys)
        let deadline = ContinuousClock.now + .seconds(300)
        while !remaining.isEmpty {
            guard ContinuousClock.now < deadline else {
                throw KafkaError(code: .timedOut, message: "open data: \(topic) partitions \(remaining.sorted()) did not reach their end offsets within 300 s")
            }
            let batch = try await reader.poll(maxMessages: 10_000, timeout: .milliseconds(100))
            for message in batch.messages {
                guard let end = endOf[message.partition], message.offset < end else { continue }
                if message.offset == end - 1 { remaining.remove(message.partition) }
                do {
                    state.apply(try validator.validate(key: message.key, headers: message.envelopeHeaders, value: message.value))
                } catch {
                    invalid += 1
                }
            }
        }
        try reader.assign([])
        return ThemeSnapshot(state: state, positions: mine, invalid: invalid)
    }
}
