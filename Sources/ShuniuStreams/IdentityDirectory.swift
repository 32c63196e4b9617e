import ShuniuKafka
import ShuniuModel
import Synchronization

/// The identity registry for code that checks signatures synchronously (a projector's batch
/// decoding): a snapshot under a lock, refreshed by `catchUp()` from `ctl.identities`.
public final class IdentityDirectory: Sendable {
    private let log: IdentityLog
    private let snapshot: Mutex<IdentityRegistry>

    /// A directory of `ctl.identities` on `client`'s cluster, trusting `hub`.
    public init(client: KafkaClientConfig, hub: VerifyingKey) throws(KafkaError) {
        log = try IdentityLog(client: client, hub: hub)
        snapshot = Mutex(IdentityRegistry(hub: hub))
    }

    /// The registry as of the last catch-up.
    public var registry: IdentityRegistry { snapshot.withLock { $0 } }

    /// Reads `ctl.identities` to its end and publishes the registry.
    public func catchUp() async throws(KafkaError) {
        try await log.catchUp(timeout: .seconds(10))
        let registry = await log.registry
        snapshot.withLock { $0 = registry }
    }

    /// Closes the Kafka clients.
    public func close() async { await log.close() }
}
