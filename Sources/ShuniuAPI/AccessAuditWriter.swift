import Logging
import ServiceLifecycle
import ShuniuAudit
import ShuniuKafka
import Synchronization

/// Hands the access records of concurrent requests to the `AccessAuditLog` in batches: a
/// request adds its records to the writer's buffer without waiting; one writer loop takes
/// everything buffered, seals and enqueues it in one call. Under load a batch carries the
/// records of many requests, so the chain actor and the producer's queue are paid once per
/// batch, and no request suspends for its audit (docs/api.md: the trade-off).
///
/// **The loss window.** A record counts as *unacknowledged* from the moment its read buffers
/// it until the broker acknowledges it. A read is refused (503 `audit-unavailable`) when its
/// records would take the unacknowledged count over `window` (the broker is away or slow), or
/// when the writer is closed (shutting down). So at any instant at most `window` records of
/// answered reads exist only in this process: what a crash (kill -9) can lose is bounded by
/// `window`, not by librdkafka's queue.
///
/// As a `Service` it runs the writer loop; on graceful shutdown (after the HTTP server has
/// stopped) it writes what is left, then flushes and closes the log.
public final class AccessAuditWriter: Service, Sendable {
    private struct Waiting {
        var events: [AccessEvent] = []
        /// Records buffered or enqueued whose delivery the broker has not acknowledged.
        var unacknowledged = 0
        var writerBusy = false
        var closed = false
    }

    /// Records sealed and enqueued per call to the log.
    static let batchLimit = 128
    /// The log written to.
    public let log: AccessAuditLog
    /// Records of answered reads that may be unacknowledged by the broker at once (at least 1).
    public let window: Int
    private let logger: Logger
    private let waiting = Mutex(Waiting())
    private let failures = Atomic<Int>(0)
    private let wake: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>

    /// A writer over `log` with a loss window of `window` records (`APIConfig.accessAuditWindow`).
    public init(log: AccessAuditLog, window: Int = APIConfig.defaultAccessAuditWindow, logger: Logger) {
        self.log = log
        self.window = max(window, 1)
        self.logger = logger
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Records that could not be handed to the producer or were not acknowledged (logged).
    public var failed: Int { failures.load(ordering: .relaxed) }

    /// Records of answered reads not yet acknowledged by the broker.
    public var unacknowledged: Int { waiting.withLock { $0.unacknowledged } }

    /// Adds `events` to the next batch; throws when they cannot be buffered (then the read
    /// must not be answered).
    public func record(_ events: [AccessEvent]) throws(APIError) {
        let start = try waiting.withLock { waiting throws(APIError) -> Bool in
            guard !waiting.closed else {
                throw APIError(.serviceUnavailable, "audit-unavailable", "the API is shutting down; retry on another instance")
            }
            // A read with more records than the whole window still passes when nothing else waits.
            guard waiting.unacknowledged == 0 || waiting.unacknowledged + events.count <= window else {
                throw APIError(.serviceUnavailable, "audit-unavailable",
                               "the access audit is not acknowledged by the broker (it may be away or slow), so no data is served; retry later")
            }
            waiting.events += events
            waiting.unacknowledged += events.count
            if waiting.writerBusy { return false }
            waiting.writerBusy = true
            return true
        }
        if start { wake.yield() }
    }

    public func run() async throws {
        for await _ in wakes.cancelOnGracefulShutdown() { await drain() }
        waiting.withLock { $0.closed = true }
        await drain()
        do { try await log.flush() } catch { logger.error("access audit not fully flushed: \(error)") }
        await log.close()
        let written = await log.written
        logger.info("access audit flushed (\(written) records this run)")
    }

    /// Waits for a batch's delivery reports and takes its records out of the window.
    private func acknowledged(_ pending: PendingDelivery) async {
        let reports = await pending.reports()
        let failed = reports.reduce(0) { $0 + ($1.error == nil ? 0 : 1) }
        waiting.withLock { $0.unacknowledged -= pending.count }
        if failed > 0 {
            failures.add(failed, ordering: .relaxed)
            logger.critical("\(failed) access records not acknowledged by the broker: \(reports.firstError.map { "\($0)" } ?? "")")
        }
    }

    /// Writes batches until nothing waits.
    private func drain() async {
        while true {
            let batch = waiting.withLock { waiting -> [AccessEvent]? in
                guard !waiting.events.isEmpty else {
                    waiting.writerBusy = false
                    return nil
                }
                // At most `batchLimit` records per call: sealing is CPU work on a shared
                // thread, and a long batch would hold up the requests queued behind it.
                guard waiting.events.count > Self.batchLimit else {
                    defer { waiting.events = [] }
                    return waiting.events
                }
                let batch = Array(waiting.events.prefix(Self.batchLimit))
                waiting.events.removeFirst(Self.batchLimit)
                return batch
            }
            guard let batch else { return }
            do {
                let pending = try await log.record(batch)
                // The window closes when the broker acknowledges, not when librdkafka queues.
                Task { await self.acknowledged(pending) }
            } catch {
                // Only a closed producer fails to enqueue (a full queue waits): shutdown races.
                failures.add(batch.count, ordering: .relaxed)
                waiting.withLock { $0.unacknowledged -= batch.count }
                logger.critical("\(batch.count) access records not written: \(error)")
            }
        }
    }
}
