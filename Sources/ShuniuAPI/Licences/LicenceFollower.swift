import Logging
import ServiceLifecycle
import ShuniuKafka
import ShuniuModel
import ShuniuStreams
import Synchronization

/// Keeps the API's licence verifier caught up with `ctl.licences` and `ctl.identities`: a
/// background loop reads both logs every `interval` (1 s) and publishes a verifier built from
/// the registry and register, so `POST /v1/licences/verify` sees a revocation within that
/// interval. Requests read the published verifier and register without waiting.
public final class LicenceFollower: Service, Sendable {
    private let log: LicenceLog
    private let catalogue: Catalogue
    private let interval: Duration
    private let logger: Logger
    private let snapshot: Mutex<(verifier: LicenceVerifier, register: LicenceRegister)>
    /// The hub's key: consent codes are signed with it.
    public let hub: VerifyingKey
    /// The register end and the registry the published verifier was built from.
    private let lastSeen = Mutex<(Int64, [String: IdentityRegistry.Entry])?>(nil)

    /// Follows the logs on `client`'s cluster, trusting `hub`; reads them to their end first.
    public init(client: KafkaClientConfig, catalogue: Catalogue, hub: VerifyingKey, interval: Duration = .seconds(1),
                logger: Logger) async throws(KafkaError) {
        let admin = try KafkaAdmin(client: client)
        _ = try await admin.createTopics([NewTopic(name: Topics.licences, partitions: 1), NewTopic(name: Topics.identities, partitions: 1)])
        log = try LicenceLog(client: client, hub: hub, catalogue: catalogue)
        self.catalogue = catalogue
        self.interval = interval
        self.logger = logger
        self.hub = hub
        snapshot = Mutex((LicenceVerifier(types: catalogue.licenceTypes,
                                          list: RevocationList(registry: IdentityRegistry(hub: hub), register: LicenceRegister(),
                                                               catalogue: catalogue, at: UTCClock.now())),
                          LicenceRegister()))
        try await catchUp()
    }

    /// The verifier as of the last catch-up.
    public var verifier: LicenceVerifier { snapshot.withLock { $0.verifier } }

    /// The register as of the last catch-up.
    public var register: LicenceRegister { snapshot.withLock { $0.register } }

    /// Reads both logs to their end and, when either moved, publishes a new verifier.
    public func catchUp() async throws(KafkaError) {
        try await log.catchUp(timeout: .seconds(5))
        let registry = await log.registry, register = await log.register
        let seen = (register.end, registry.entries)
        guard lastSeen.withLock({ $0.map { $0.0 != seen.0 || $0.1 != seen.1 } ?? true }) else { return }
        lastSeen.withLock { $0 = seen }
        let list = RevocationList(registry: registry, register: register, catalogue: catalogue, at: UTCClock.now())
        let verifier = LicenceVerifier(types: catalogue.licenceTypes, list: list)
        snapshot.withLock { $0 = (verifier, register) }
    }

    /// Catches up every `interval` until shutdown; a failed round is logged and retried.
    public func run() async throws {
        var failing = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await catchUp()
                if failing { logger.info("ctl.licences readable again") }
                failing = false
            } catch {
                if !failing { logger.warning("ctl.licences not readable; verifying against the last register: \(error)") }
                failing = true
            }
            try? await Task.sleep(for: interval)
        }
        await log.close()
    }
}
