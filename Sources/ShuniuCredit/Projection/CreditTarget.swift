import Logging
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel
import ShuniuStreams

/// The credit library as a ``ProjectionTarget`` of the shared ``ProjectorService``: the credit
/// themes' `src.` topics and `ctl.credit-objections` into a ``SQLiteCreditStore``.
public struct CreditTarget: ProjectionTarget {
    /// The store written.
    public let store: SQLiteCreditStore
    private let projection: CreditProjection

    /// Projects `catalogue`'s credit themes and the objection log into `store`.
    public init(catalogue: Catalogue, store: SQLiteCreditStore) {
        self.store = store
        projection = CreditProjection(catalogue: catalogue)
    }

    public var sourceTopics: [String] { projection.sourceTopics }

    public func positions() throws -> [SourcePartition: Int64] { try store.positions() }

    public func batch(_ messages: [ConsumerMessage]) -> (changes: [CreditChange], progress: [PartitionProgress]) {
        let decoded = decode(messages) { message in
            try? projection.change(key: message.key, headers: message.envelopeHeaders, value: message.value,
                                   topic: message.topic, partition: message.partition, offset: message.offset).get()
        }
        return (decoded.changes, decoded.progress)
    }

    public func apply(_ changes: [CreditChange], progress: [PartitionProgress]) throws -> ApplyOutcome {
        try store.apply(changes, progress: progress)
    }
}

extension ProjectorService where Target == CreditTarget {
    /// A projector of the credit library into `store`.
    public convenience init(config: ProjectorConfig, catalogue: Catalogue, store: SQLiteCreditStore, logger: Logger) {
        self.init(config: config, target: CreditTarget(catalogue: catalogue, store: store), logger: logger)
    }
}
