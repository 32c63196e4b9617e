import ShuniuKafka
import ShuniuModel

/// The identity registry's log, `ctl.identities`: follows it into an `IdentityRegistry` and
/// appends hub-signed registrations and revocations.
public actor IdentityLog {
    /// The registry rebuilt from the log so far.
    public private(set) var registry: IdentityRegistry
    private let log: ControlTopic

    /// Follows `ctl.identities` on the cluster `client` names, trusting `hub`.
    public init(client: KafkaClientConfig, hub: VerifyingKey) throws(KafkaError) {
        registry = IdentityRegistry(hub: hub)
        log = try ControlTopic(topic: Topics.identities, client: client)
    }

    /// Reads every new record (a missing topic reads as empty); returns the revocations applied.
    @discardableResult
    public func catchUp(timeout: Duration = .seconds(30)) async throws(KafkaError) -> [IdentityEvent] {
        var revocations: [IdentityEvent] = []
        for message in try await log.readNew(timeout: timeout, missingIsEmpty: true) {
            guard let event = IdentityEvent.decode(message.value) else { continue }
            if registry.apply(event) == nil, event.kind == .revoked { revocations.append(event) }
        }
        return revocations
    }

    /// Appends records (signed by the hub) and waits for the broker.
    public func append(_ events: [IdentityEvent]) async throws(KafkaError) {
        try await log.append(events.map { (Array($0.party.utf8), $0.encoded()) })
    }

    /// Closes the log's Kafka clients.
    public func close() async { await log.close() }
}
