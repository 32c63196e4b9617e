import ShuniuModel

/// One change to a library: a theme's row for a subject set (upsert) or removed (delete),
/// at a version (`ce_sequence`). Applying changes is idempotent and order-free: a change
/// takes effect only if its sequence is newer than the slice's stored one, and a delete
/// leaves a tombstone with its sequence so an older upsert arriving later cannot revive it.
public struct SliceChange: Sendable, Hashable {
    /// The library.
    public var library: LibraryKind
    /// The subject (citizen ID or credit code).
    public var subject: String
    /// The theme.
    public var theme: String
    /// The version: the event's `ce_sequence`.
    public var sequence: Int64
    /// The theme's full row as published (flat JSON), or nil for a delete.
    public var row: [UInt8]?
    /// Where it came from.
    public var lineage: Lineage
    /// Older identifiers the row names for the entity (organisation code, tax id).
    public var aliases: [String]

    /// Creates a change.
    public init(library: LibraryKind, subject: String, theme: String, sequence: Int64, row: [UInt8]?,
                lineage: Lineage, aliases: [String] = []) {
        self.library = library
        self.subject = subject
        self.theme = theme
        self.sequence = sequence
        self.row = row
        self.lineage = lineage
        self.aliases = aliases
    }
}

/// How far a source partition has been projected, and what was seen there.
public struct PartitionProgress: Sendable, Hashable {
    /// The source topic.
    public var topic: String
    /// The partition.
    public var partition: Int32
    /// The next offset to read (one past the last projected record).
    public var next: Int64
    /// Records read in this step.
    public var read: Int
    /// Records refused in this step (they go to `dlq.<theme>` through the router; the
    /// projector only counts them).
    public var rejected: Int

    /// Creates a progress entry.
    public init(topic: String, partition: Int32, next: Int64, read: Int = 0, rejected: Int = 0) {
        self.topic = topic
        self.partition = partition
        self.next = next
        self.read = read
        self.rejected = rejected
    }
}

extension PartitionProgress {
    /// `earlier` followed by `later`: one entry per partition, the later position, the counts
    /// summed (for grouping several polled batches into one transaction).
    public static func merge(_ earlier: [PartitionProgress], _ later: [PartitionProgress]) -> [PartitionProgress] {
        var merged = Dictionary(uniqueKeysWithValues: earlier.map { (SourcePartition(topic: $0.topic, partition: $0.partition), $0) })
        for entry in later {
            let key = SourcePartition(topic: entry.topic, partition: entry.partition)
            guard var found = merged[key] else {
                merged[key] = entry
                continue
            }
            found.next = max(found.next, entry.next)
            found.read += entry.read
            found.rejected += entry.rejected
            merged[key] = found
        }
        return merged.values.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }
}

/// What one transaction applies: changes plus the source positions they bring the store to.
/// A store applies both in one transaction, so a crash loses or keeps them together.
public struct ProjectionBatch: Sendable {
    /// The changes, in source order.
    public var changes: [SliceChange]
    /// The progress of every source partition the changes came from.
    public var progress: [PartitionProgress]

    /// Creates a batch.
    public init(changes: [SliceChange] = [], progress: [PartitionProgress] = []) {
        self.changes = changes
        self.progress = progress
    }
}

/// What applying a batch did.
public struct ApplyOutcome: Sendable, Hashable {
    /// Changes that took effect.
    public var applied = 0
    /// Changes that were not newer than the stored slice (duplicates, replays, late arrivals).
    public var stale = 0

    /// Nothing yet.
    public init(applied: Int = 0, stale: Int = 0) {
        self.applied = applied
        self.stale = stale
    }
}
