import ShuniuKafka
import ShuniuModel
import ShuniuStreams

/// Reads each theme's current state from its `src.<theme>` topic: the true end offsets first
/// (``EndOffsets``), then every record below them (``TopicReader``), validated with
/// ``EventValidator`` (invalid records are counted and left out) and folded into a ``ThemeState``.
/// Records written after the ends were taken are not reflected, so the same ends always give
/// the same state.
public struct KafkaOpenDataSource: OpenDataSource {
    private let client: KafkaClientConfig
    private let validator: EventValidator

    /// A source on the cluster `client` names, validating against `catalogue`.
    public init(client: KafkaClientConfig, catalogue: Catalogue) {
        self.client = client
        validator = EventValidator(catalogue: catalogue)
    }

    /// The end offsets of the themes' source partitions (topics that do not exist are skipped).
    public func positions(of themes: [Theme]) async throws -> [SourcePosition] {
        let existing = try await KafkaAdmin(client: client).listTopics()
        let partitions = Dictionary(existing.map { ($0.name, $0.partitions) }, uniquingKeysWith: { first, _ in first })
        let wanted = themes.flatMap { theme -> [TopicPartition] in
            let topic = Topics.source(theme.id)
            return (0..<Int32(partitions[topic] ?? 0)).map { TopicPartition(topic: topic, partition: $0) }
        }
        let ends = try await EndOffsets(client: client).read(wanted)
        return wanted.map { SourcePosition(topic: $0.topic, partition: $0.partition, endOffset: ends[$0] ?? 0) }.sorted()
    }

    /// The theme's state at the end offsets taken now.
    public func snapshot(of theme: Theme) async throws -> ThemeSnapshot {
        let positions = try await positions(of: [theme])
        var state = ThemeState(theme: theme.id)
        var invalid = 0
        guard positions.contains(where: { $0.endOffset > 0 }) else {
            return ThemeSnapshot(state: state, positions: positions)
        }
        let ends = Dictionary(positions.map { ($0.partition, $0.endOffset) }, uniquingKeysWith: { first, _ in first })
        let messages = try await TopicReader(client: client).read(Topics.source(theme.id), partitions: positions.count)
        for message in messages where message.offset < (ends[message.partition] ?? 0) {
            do {
                state.apply(try validator.validate(key: message.key, headers: message.envelopeHeaders, value: message.value))
            } catch {
                invalid += 1
            }
        }
        return ThemeSnapshot(state: state, positions: positions, invalid: invalid)
    }
}
