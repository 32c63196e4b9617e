import ShuniuKafka
import ShuniuModel
import ShuniuStreams

/// What a ``ProjectorService`` projects into: how polled source records become a batch (pure,
/// CPU only) and a store that applies a batch together with its source positions in one
/// transaction. The person/entity libraries (``LibraryTarget``) and the credit library are
/// targets; the service around them — assignment from stored positions, pipelining,
/// catch-up to the end, graceful shutdown — is one.
public protocol ProjectionTarget: Sendable {
    /// One decoded change; a store transaction applies an array of them.
    associatedtype Change: Sendable

    /// The topics projected.
    var sourceTopics: [String] { get }

    /// The next offset of every source partition projected so far (blocking).
    func positions() throws -> [SourcePartition: Int64]

    /// Readies what decoding `messages` needs (the credit library reads the identity registry
    /// up to now, so every signature on these records can be checked). Default: nothing.
    func prepare(_ messages: [ConsumerMessage]) async throws

    /// Decodes polled records into changes and each partition's progress (pure).
    func batch(_ messages: [ConsumerMessage]) -> (changes: [Change], progress: [PartitionProgress])

    /// Applies changes in source order and their progress (one entry per partition) in one
    /// transaction (blocking).
    func apply(_ changes: [Change], progress: [PartitionProgress]) throws -> ApplyOutcome
}

extension ProjectionTarget {
    /// Nothing to ready.
    public func prepare(_ messages: [ConsumerMessage]) async throws {}

    /// Decodes `messages` one by one with `change` (nil: refused), counting per partition.
    public func decode<Change>(_ messages: [ConsumerMessage], _ change: (ConsumerMessage) -> Change?) -> (changes: [Change], progress: [PartitionProgress]) {
        var changes: [Change] = []
        changes.reserveCapacity(messages.count)
        var progress: [SourcePartition: PartitionProgress] = [:]
        for message in messages {
            let partition = SourcePartition(topic: message.topic, partition: message.partition)
            var entry = progress[partition] ?? PartitionProgress(topic: message.topic, partition: message.partition, next: 0)
            entry.next = message.offset + 1
            entry.read += 1
            if let decoded = change(message) { changes.append(decoded) } else { entry.rejected += 1 }
            progress[partition] = entry
        }
        return (changes, progress.values.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) })
    }
}

/// The person and legal-entity libraries as a projection target.
public struct LibraryTarget: ProjectionTarget {
    /// The store written.
    public let store: any LibraryStore
    private let projection: Projection

    /// Projects `catalogue`'s library themes into `store`.
    public init(catalogue: Catalogue, store: any LibraryStore) {
        self.store = store
        projection = Projection(catalogue: catalogue)
    }

    public var sourceTopics: [String] { projection.sourceTopics }

    public func positions() throws -> [SourcePartition: Int64] { try store.positions() }

    public func batch(_ messages: [ConsumerMessage]) -> (changes: [SliceChange], progress: [PartitionProgress]) {
        let decoded = decode(messages) { message in
            try? projection.change(key: message.key, headers: message.envelopeHeaders, value: message.value,
                                   topic: message.topic, partition: message.partition, offset: message.offset).get()
        }
        return (decoded.changes, decoded.progress)
    }

    public func apply(_ changes: [SliceChange], progress: [PartitionProgress]) throws -> ApplyOutcome {
        try store.apply(ProjectionBatch(changes: changes, progress: progress))
    }
}
