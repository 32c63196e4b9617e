import Logging
import ServiceLifecycle
import ShuniuAudit
import Synchronization

/// Hands the access records of concurrent requests to the `AccessAuditLog` in batches: a
/// request adds its records and waits; one writer loop takes everything waiting, seals and
/// enqueues it in one call, and resumes the requests. Under load a batch carries the records
/// of many requests, so the cost of the chain actor and the producer's queue is paid once
/// per batch instead of once per read. A request is answered only after its records are in
/// the producer's queue (not yet on the broker: see docs/api.md for that trade-off).
///
/// As a `Service` it runs the writer loop; on graceful shutdown (after the HTTP server has
/// stopped) it writes what is left, then flushes and closes the log.
public final class AccessAuditWriter: Service, Sendable {
    private struct Waiting {
        var events: [AccessEvent] = []
        var requests: [CheckedContinuation<Void, any Error>] = []
        var writerBusy = false
        var closed = false
    }

    /// The log written to.
    public let log: AccessAuditLog
    private let logger: Logger
    private let waiting = Mutex(Waiting())
    private let wake: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>

    /// A writer over `log`.
    public init(log: AccessAuditLog, logger: Logger) {
        self.log = log
        self.logger = logger
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Adds `events` to the next batch and returns once they are enqueued; throws when they
    /// could not be (then the read must not be answered).
    public func record(_ events: [AccessEvent]) async throws {
        try await withCheckedThrowingContinuation { (request: CheckedContinuation<Void, any Error>) in
            let start = waiting.withLock { waiting -> Bool? in
                guard !waiting.closed else { return nil }
                waiting.events += events
                waiting.requests.append(request)
                if waiting.writerBusy { return false }
                waiting.writerBusy = true
                return true
            }
            switch start {
            case nil: request.resume(throwing: APIError(.serviceUnavailable, "audit-unavailable", "the API is shutting down; retry on another instance"))
            case true?: wake.yield()
            case false?: break
            }
        }
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
            let batch = waiting.withLock { waiting -> Waiting? in
                guard !waiting.events.isEmpty || !waiting.requests.isEmpty else {
                    waiting.writerBusy = false
                    return nil
                }
                let batch = Waiting(events: waiting.events, requests: waiting.requests)
                waiting.events = []
                waiting.requests = []
                return batch
            }
            guard let batch else { return }
            do {
                try await log.record(batch.events)
                for request in batch.requests { request.resume() }
            } catch {
                logger.error("access audit not written: \(error)")
                for request in batch.requests { request.resume(throwing: error) }
            }
        }
    }
}
