import ShuniuModel

/// The current state of one theme folded from its validated change events: the latest row per
/// subject by `ce_sequence`, deletes removing the subject. Events may come in any order across
/// partitions; an event whose sequence is not above the subject's last one is ignored.
public struct ThemeState: Sendable {
    /// The theme id.
    public let theme: String
    private var latest: [String: (sequence: Int64, row: Row?)] = [:]
    /// The latest `ce_time` applied (RFC 3339), nil before any event.
    public private(set) var latestTime: String?
    private var latestMillis: Int64 = .min

    /// An empty state.
    public init(theme: String) { self.theme = theme }

    /// Applies one validated event.
    public mutating func apply(_ validated: ValidatedEvent) {
        let event = validated.event
        if let current = latest[event.subject], current.sequence >= event.sequence { return }
        latest[event.subject] = (event.sequence, event.action == .deleted ? nil : validated.row)
        if let millis = event.epochMilliseconds, millis > latestMillis {
            latestMillis = millis
            latestTime = event.time
        }
    }

    /// The current rows, ordered by subject (so every consumer sees the same order).
    public var rows: [Row] {
        latest.keys.sorted().compactMap { latest[$0]?.row }
    }

    /// The number of subjects with a current row.
    public var count: Int { latest.values.filter { $0.row != nil }.count }

}

/// Where a source stands: the end offset read of each partition of each source topic.
public struct SourcePosition: Sendable, Hashable, Codable, Comparable {
    /// The topic, e.g. `src.birth`.
    public var topic: String
    /// The partition.
    public var partition: Int32
    /// The offset after the last record reflected.
    public var endOffset: Int64

    enum CodingKeys: String, CodingKey { case topic, partition, endOffset = "end_offset" }

    /// A position.
    public init(topic: String, partition: Int32, endOffset: Int64) {
        self.topic = topic
        self.partition = partition
        self.endOffset = endOffset
    }

    /// By topic, then partition.
    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.topic, lhs.partition) < (rhs.topic, rhs.partition)
    }
}

/// What a source gives for one theme: its state and the positions it reflects.
public struct ThemeSnapshot: Sendable {
    /// The folded state.
    public var state: ThemeState
    /// The end offsets read, sorted.
    public var positions: [SourcePosition]
    /// Records that failed validation and were left out.
    public var invalid: Int

    /// A snapshot.
    public init(state: ThemeState, positions: [SourcePosition], invalid: Int = 0) {
        self.state = state
        self.positions = positions
        self.invalid = invalid
    }
}

/// Where open data reads the current state of themes from. The shipped source reads the
/// `src.<theme>` topics (``KafkaOpenDataSource``); a projected library can stand in for it.
public protocol OpenDataSource: Sendable {
    /// The positions the source would reflect now (cheap: no records are read).
    func positions(of themes: [Theme]) async throws -> [SourcePosition]

    /// The state of a theme at `positions` (its partitions' end offsets, as ``positions(of:)``
    /// gave them): every record below them and none after.
    func snapshot(of theme: Theme, at positions: [SourcePosition]) async throws -> ThemeSnapshot
}
