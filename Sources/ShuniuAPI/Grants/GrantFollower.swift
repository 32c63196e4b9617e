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
    private let interval: Duration
    private let logger: Logger
    private let snapshot: Mutex<GrantTable>
    private let lastCatchUp = Mutex<ContinuousClock.Instant>(.now)

    /// Follows `ctl.grants` on `client`'s cluster; reads it to its end before returning.
    public init(client: KafkaClientConfig, catalogue: Catalogue, interval: Duration = .milliseconds(50),
                logger: Logger) async throws(KafkaError) {
        let admin = try KafkaAdmin(client: client)
        _ = try await admin.createTopics([NewTopic(name: Topics.grants, partitions: 1)])
        log = try GrantLog(client: client, catalogue: catalogue)
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

    /// Appends workflow events (waiting for the broker), then catches up so the caller's next
    /// request sees them.
    public func append(_ events: [GrantEvent]) async throws(KafkaError) {
        try await log.append(events)
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
