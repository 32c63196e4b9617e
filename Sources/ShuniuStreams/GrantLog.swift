import ShuniuKafka
import ShuniuModel

/// The grant workflow's log, `ctl.grants` (one partition, so one total order): follows it into
/// a `GrantTable` and appends new signed workflow events.
///
/// Every record must carry the signature of the party that took the step (or of the hub
/// acting for it), checked against the identity registry (`ctl.identities`, read first on
/// every catch-up). A record that does not verify is refused and listed (`table.refused`). A
/// revocation that reaches back before records already applied rebuilds the table from the
/// records read, so every service ends with the same table.
///
/// Every service that needs grants keeps one of these and calls `catchUp()` before it acts;
/// since `catchUp` reads up to the high watermark it asked for, any grant change the broker
/// acknowledged before the call is in the table after it.
public actor GrantLog {
    /// The table rebuilt from the log so far.
    public private(set) var table = GrantTable()
    private let catalogue: Catalogue
    private let log: ControlTopic
    private let identities: IdentityLog
    /// Every record decoded so far, for a rebuild after a revocation.
    private var records: [(offset: Int64, event: GrantEvent)] = []

    /// Follows `ctl.grants` on the cluster `client` names, trusting the hub key `hub`.
    public init(client: KafkaClientConfig, catalogue: Catalogue, hub: VerifyingKey) throws(KafkaError) {
        self.catalogue = catalogue
        log = try ControlTopic(topic: Topics.grants, client: client)
        identities = try IdentityLog(client: client, hub: hub)
    }

    /// Follows `ctl.grants`, trusting the hub key derived from `secret`.
    public init(client: KafkaClientConfig, catalogue: Catalogue, secret: HubSecret) throws(KafkaError) {
        try self.init(client: client, catalogue: catalogue, hub: SigningKey.hub(secret).verifyingKey)
    }

    /// The offset of the next `ctl.grants` record to read.
    public var nextOffset: Int64 { get async { await log.nextOffset } }

    /// The identity registry the signatures were checked against.
    public var registry: IdentityRegistry { get async { await identities.registry } }

    /// The catch-up in progress: catch-ups run one after another, so a caller that returns
    /// has every record up to the end it asked for applied (two interleaved on this actor, one
    /// could take the other's records and return before they are in the table).
    private var running: Task<Void, Never>?

    /// Reads every record up to the current end of the log; returns the events applied.
    @discardableResult
    public func catchUp(timeout: Duration = .seconds(30)) async throws(KafkaError) -> [GrantEvent] {
        let previous = running
        let mine = Task { () async -> Result<[GrantEvent], KafkaError> in
            await previous?.value
            do throws(KafkaError) { return .success(try await self.catchUpNow(timeout: timeout)) } catch { return .failure(error) }
        }
        running = Task { _ = await mine.value }
        return try await mine.value.get()
    }

    private func catchUpNow(timeout: Duration) async throws(KafkaError) -> [GrantEvent] {
        let revocations = try await identities.catchUp(timeout: timeout)
        let registry = await identities.registry
        let applied = await log.nextOffset
        if revocations.contains(where: { ($0.effective?[Topics.grants] ?? 0) < applied }) {
            var rebuilt = GrantTable()
            for record in records { rebuilt.apply(record.event, at: record.offset, registry: registry, catalogue: catalogue) }
            table = rebuilt
        }
        var events: [GrantEvent] = []
        for message in try await log.readNew(timeout: timeout) {
            guard let event = try? GrantEvent.decode(message.value) else { continue }
            records.append((message.offset, event))
            if table.apply(event, at: message.offset, registry: registry, catalogue: catalogue) == nil { events.append(event) }
        }
        return events
    }

    /// Appends workflow events to the log (key: the grant id), each signed by `signer`, and
    /// waits for the broker.
    public func append(_ events: [GrantEvent], signedBy signer: ControlSigner) async throws(KafkaError) {
        try await log.append(events.map { (Array($0.grant.utf8), $0.signed(by: signer).encoded()) })
    }

    /// Appends events already signed (each by the party that took its step).
    public func append(signed events: [GrantEvent]) async throws(KafkaError) {
        try await log.append(events.map { (Array($0.grant.utf8), $0.encoded()) })
    }

    /// Closes the log's Kafka clients.
    public func close() async {
        await log.close()
        await identities.close()
    }
}
