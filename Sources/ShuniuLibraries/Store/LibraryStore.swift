import ShuniuModel

/// Where the libraries are kept: the projector writes through this protocol and never
/// touches SQL, so a PostgreSQL store can replace the embedded SQLite one
/// (``SQLiteLibraryStore``) without a change to the projector.
///
/// A store must apply a ``ProjectionBatch`` atomically — its changes, its source positions
/// and its counters in one transaction — and apply each change only when its sequence is newer
/// than the stored one (keeping tombstones for deletes). Those two rules are what make the
/// projection exactly-once in effect and independent of duplicates and order.
public protocol LibraryStore: LibraryReader {
    /// The next offset to read of every source partition projected so far.
    func positions() throws -> [SourcePartition: Int64]

    /// Applies a batch in one transaction.
    func apply(_ batch: ProjectionBatch) throws -> ApplyOutcome

    /// The content digest of a library: SHA-256 over every live slice in theme and subject
    /// order (subject, theme, sequence, department, event id, event time, row). Two stores
    /// that saw the same events, in any order and with any duplicates, have the same digest.
    func digest(_ library: LibraryKind) throws -> String

    /// Counts of subjects, slices and what the projector has seen.
    func totals() throws -> LibraryTotals

    /// Calls `body` with every live slice of `theme` in `library`, in subject order. `body`
    /// must not call back into the store (collect first, then look up).
    func scan(_ library: LibraryKind, theme: String, _ body: (String, ThemeSlice) throws -> Void) throws
}

/// A source partition: `src.<theme>` and a partition number.
public struct SourcePartition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The topic.
    public var topic: String
    /// The partition.
    public var partition: Int32

    /// Names a partition.
    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)/\(partition)" }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.topic, lhs.partition) < (rhs.topic, rhs.partition) }
}

/// What a store holds and what its projector has seen.
public struct LibraryTotals: Sendable, Hashable {
    /// Subjects with at least one live slice, per library.
    public var subjects: [LibraryKind: Int] = [:]
    /// Live slices, per library.
    public var slices: [LibraryKind: Int] = [:]
    /// Tombstones (deleted slices kept with their sequence), per library.
    public var tombstones: [LibraryKind: Int] = [:]
    /// Source records read, over all partitions.
    public var read = 0
    /// Records refused by validation.
    public var rejected = 0
    /// Changes that took effect.
    public var applied = 0
    /// Changes not newer than the stored slice.
    public var stale = 0

    /// Empty totals.
    public init() {}
}
