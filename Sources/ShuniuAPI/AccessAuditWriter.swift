import Logging
import ServiceLifecycle
import ShuniuAudit
import Synchronization

/// Hands the access records of concurrent requests to the `AccessAuditLog` in batches: a
/// request adds its records to the writer's buffer without waiting; one writer loop takes
/// everything buffered, seals and enqueues it in one call. Under load a batch carries the
/// records of many requests, so the chain actor and the producer's queue are paid once per
/// batch, and no request suspends for its audit (docs/api.md: the trade-off).
///
/// A read is refused (503 `audit-unavailable`) when its records cannot be buffered: the
/// writer is closed (shutting down) or more than `limit` records wait (the producer stalls,
/// e.g. the broker is away), so reads never outrun their audit by more than that.
///
/// As a `Service` it runs the writer loop; on graceful shutdown (after the HTTP server has
/// stopped) it writes what is left, then flushes and closes the log.
public final class AccessAuditWriter: Service, Sendable {
    private struct Waiting {
        var events: [AccessEvent] = []
        var writerBusy = false
        var closed = false
    }

    /// Records sealed and enqueued per call to the log.
    static let batchLimit = 128
    /// The log written to.
    public let log: AccessAuditLog
    /// Records that may wait in the buffer before reads are refused.
    public let limit: Int
    private let logger: Logger
    private let waiting = Mutex(Waiting())
    private let failures = Atomic<Int>(0)
    private let wake: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>

    /// A writer over `log`.
    public init(log: AccessAuditLog, limit: Int = 100_000, logger: Logger) {
        self.log = log
        self.limit = limit
        self.logger = logger
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Records that could not be handed to the producer (logged; see `run`).
    public var failed: Int { failures.load(ordering: .relaxed) }

    /// Adds `events` to the next batch; throws when they cannot be buffered (then the read
    /// must not be answered).
    public func record(_ events: [AccessEvent]) throws(APIError) {
        let start = try waiting.withLock { waiting throws(APIError) -> Bool in
            guard !waiting.closed else {
                throw APIError(.serviceUnavailable, "audit-unavailable", "the API is shutting down; retry on another instance")
            }
            guard waiting.events.count < limit else {
                throw APIError(.serviceUnavailable, "audit-unavailable",
                               "the access audit cannot keep up (the broker may be away), so no data is served; retry later")
            }
            waiting.events += events
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
                try await log.record(batch)
            } catch {
                // Only a closed producer fails to enqueue (a full queue waits): shutdown races.
                failures.add(batch.count, ordering: .relaxed)
                logger.critical("\(batch.count) access records not written: \(error)")
            }
        }
    }
}
