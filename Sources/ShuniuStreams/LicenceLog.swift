import ShuniuKafka
import ShuniuModel

/// The licence register's log, `ctl.licences`, with the identity registry it is checked
/// against: follows both into a `LicenceRegister` and appends issuers' signed records.
public actor LicenceLog {
    /// The register rebuilt from the log so far.
    public private(set) var register = LicenceRegister()
    private let identities: IdentityLog
    private let log: ControlTopic
    private let types: [String: LicenceType]

    /// Follows `ctl.licences` and `ctl.identities` on `client`'s cluster, trusting `hub`.
    public init(client: KafkaClientConfig, hub: VerifyingKey, catalogue: Catalogue) throws(KafkaError) {
        identities = try IdentityLog(client: client, hub: hub)
        log = try ControlTopic(topic: Topics.licences, client: client)
        types = Dictionary(catalogue.licenceTypes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The identity registry as of the last catch-up.
    public var registry: IdentityRegistry {
        get async { await identities.registry }
    }

    /// Reads every new record of both logs (a missing topic reads as empty); returns the
    /// refusals among the new records (offset and reason).
    @discardableResult
    public func catchUp(timeout: Duration = .seconds(30)) async throws(KafkaError) -> [(offset: Int64, reason: String)] {
        try await identities.catchUp(timeout: timeout)
        let registry = await identities.registry
        var refusals: [(offset: Int64, reason: String)] = []
        for message in try await log.readNew(timeout: timeout, missingIsEmpty: true) {
            guard let event = LicenceEvent.decode(message.value) else {
                register.refuseUnreadable(offset: message.offset)
                refusals.append((message.offset, "not a licence register record"))
                continue
            }
            if let reason = register.apply(event, offset: message.offset, registry: registry, types: types) {
                refusals.append((message.offset, reason))
            }
        }
        return refusals
    }

    /// Appends signed records and waits for the broker.
    public func append(_ events: [LicenceEvent]) async throws(KafkaError) {
        try await log.append(events.map { (Array($0.number.utf8), $0.encoded()) })
    }

    /// The current end of `ctl.licences` (where a key revocation applies from).
    public func end() async throws(KafkaError) -> Int64 { try await log.end() }

    /// Closes the Kafka clients.
    public func close() async {
        await log.close()
        await identities.close()
    }
}
