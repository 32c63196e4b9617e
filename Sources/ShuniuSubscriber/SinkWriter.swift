import Dispatch

/// Writes a subscriber's batches through its sink on a thread of its own, one at a time and in
/// the order given, so the subscriber's loop polls and checks the next batch while the sink
/// (SQLite, a file) writes this one.
///
/// `@unchecked Sendable`: after `init` the sink is touched only on `queue`, a serial queue, so
/// no two threads ever use it at once (sinks are single-threaded by contract).
final class SinkWriter: @unchecked Sendable {
    private let queue = DispatchQueue(label: "shuniu.subscriber.sink")
    private let sink: any DeliverySink

    init(_ sink: any DeliverySink) { self.sink = sink }

    /// Writes `batch` after every batch handed over before it.
    func write(_ batch: SubscriberBatch) async throws -> SinkResult {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try self.sink.write(batch) }) }
        }
    }
}
