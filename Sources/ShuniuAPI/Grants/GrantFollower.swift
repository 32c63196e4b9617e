import Logging
import ServiceLifecycle
import ShuniuKafka
import ShuniuModel
import ShuniuStreams
import Synchronization

/// Keeps the API's grant table caught up with `ctl.grants` while it serves: a background
/// loop reads the log every `interval` (50 ms by default) and publishes the new table, so a
/// revocation stops reads within that interval plus one broker round trip. Requests read
/// the published table without waiting (a copy-on-write snapshot under a lock).
public final class GrantFollower: Service, Sendable {
    private let log: GrantLog
    private let secret: HubSecret
    private let interval: Duration
    private let logger: Logger
    private let snapshot: Mutex<GrantTable>
    private let lastCatchUp = Mutex<ContinuousClock.Instant>(.now)

    /// Follows `ctl.grants` on `client`'s cluster; reads it to its end before returning.
    public init(client: KafkaClientConfig, catalogue: Catalogue, secret: HubSecret, interval: Duration = .milliseconds(50),
                logger: Logger) async throws(KafkaError) {
        let admin = try KafkaAdmin(client: client)
        _ = try await admin.createTopics([NewTopic(name: Topics.grants, partitions: 1), NewTopic(name: Topics.identities, partitions: 1)])
        self.secret = secret
        log = try GrantLog(client: client, catalogue: catalogue, secret: secret)
        try await log.catchUp()
        snapshot = Mutex(await log.table)
        self.interval = interval
        self.logger = logger
    }

    /// The grant table as of the last catch-up.
    public var table: GrantTable { snapshot.withLock { $0 } }

    /// How long ago the table last caught up with the log (for `/healthz`).
    public var staleness: Duration { ContinuousClock.now - lastCatchUp.withLock { $0 } }

    /// Reads the log to its end and publishes the table.
    public func catchUp() async throws(KafkaError) {
        try await log.catchUp(timeout: .seconds(5))
        let table = await log.table
        snapshot.withLock { $0 = table }
        lastCatchUp.withLock { $0 = .now }
    }

    /// Appends workflow events signed by the hub for the department whose API key `apiKey`
    /// authenticated the request (the hub's own steps, `by: hub`, are signed as the hub's),
    /// waits for the broker, then catches up so the caller's next request sees them.
    public func append(_ events: [GrantEvent], apiKey: String) async throws(KafkaError) {
        let onBehalf = ControlSigner.hub(secret, via: "api-key:\(apiKey)")
        let own = ControlSigner.hub(secret)
        try await log.append(signed: events.map { $0.signed(by: $0.by == GrantWorkflow.hub ? own : onBehalf) })
        try await catchUp()
    }

    /// Catches up every `interval` until shutdown; a failed round is logged and retried.
    public func run() async throws {
        var failing = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await catchUp()
                if failing { logger.info("ctl.grants readable again") }
                failing = false
            } catch {
                if !failing { logger.warning("ctl.grants not readable; serving the last grant table: \(error)") }
                failing = true
            }
            try? await Task.sleep(for: interval)
        }
        await log.close()
    }
}
