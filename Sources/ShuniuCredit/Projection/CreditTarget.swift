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
    private let identities: IdentityDirectory

    /// Projects `catalogue`'s credit themes and the objection log into `store`; objection
    /// steps must be signed by their party (keys from `identities`).
    public init(catalogue: Catalogue, store: SQLiteCreditStore, identities: IdentityDirectory) {
        self.store = store
        self.identities = identities
        projection = CreditProjection(catalogue: catalogue)
    }

    /// Reads the identity registry up to now when the batch holds objection steps: a step was
    /// appended after its key was registered, so its key is known.
    public func prepare(_ messages: [ConsumerMessage]) async throws {
        if messages.contains(where: { $0.topic == Topics.creditObjections }) { try await identities.catchUp() }
    }

    public var sourceTopics: [String] { projection.sourceTopics }

    public func positions() throws -> [SourcePartition: Int64] { try store.positions() }

    public func batch(_ messages: [ConsumerMessage]) -> (changes: [CreditChange], progress: [PartitionProgress]) {
        let registry = identities.registry
        let decoded = decode(messages) { message -> CreditChange? in
            let change = try? projection.change(key: message.key, headers: message.envelopeHeaders, value: message.value,
                                                topic: message.topic, partition: message.partition, offset: message.offset).get()
            guard case .objection(let step, let source) = change else { return change }
            if let refusal = registry.check(step.signature, canonical: step.canonical, by: step.by, domain: .objections,
                                            topic: message.topic, offset: message.offset) {
                return .refusedObjection(step, source: source, refusal: refusal.description)
            }
            return change
        }
        return (decoded.changes, decoded.progress)
    }

    public func apply(_ changes: [CreditChange], progress: [PartitionProgress]) throws -> ApplyOutcome {
        try store.apply(changes, progress: progress)
    }
}

extension ProjectorService where Target == CreditTarget {
    /// A projector of the credit library into `store`.
    /// Objection steps are checked against the identity registry on `config.client`'s
    /// cluster, trusting the hub key `hub`.
    public convenience init(config: ProjectorConfig, catalogue: Catalogue, store: SQLiteCreditStore, hub: VerifyingKey,
                            logger: Logger) throws(KafkaError) {
        let identities = try IdentityDirectory(client: config.client, hub: hub)
        self.init(config: config, target: CreditTarget(catalogue: catalogue, store: store, identities: identities), logger: logger)
    }
}
