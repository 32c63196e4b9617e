import Synchronization

/// The outcome of one record: where it was written, or why it was not.
public struct DeliveryReport: Sendable, Hashable {
    /// The partition written to (or -1 when it failed before one was chosen).
    public var partition: Int32
    /// The offset written at (or -1 on failure).
    public var offset: Int64
    /// Why delivery failed; `nil` when the broker acknowledged the record.
    public var error: KafkaError?
}

extension Array where Element == DeliveryReport {
    /// The first failure among the reports, if any.
    public var firstError: KafkaError? { lazy.compactMap(\.error).first }
}

/// Where a record's delivery report lands: its batch and its index in it. The address of a
/// slot is the record's librdkafka opaque.
struct DeliverySlot {
    let batch: UnsafeMutableRawPointer
    let index: Int
}

/// A batch of records handed to librdkafka whose delivery reports are still arriving.
///
/// `@unchecked Sendable`: `slots` is written once before any record is enqueued and only read
/// afterwards; all mutable state is inside `state`, a `Mutex`.
public final class PendingDelivery: @unchecked Sendable {
    private struct State {
        var reports: [DeliveryReport]
        var remaining: Int
        var waiters: [CheckedContinuation<[DeliveryReport], Never>] = []
    }

    /// How many records the batch holds.
    public let count: Int
    let slots: UnsafeMutablePointer<DeliverySlot>
    private let state: Mutex<State>

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(count, 1))
        let pending = DeliveryReport(partition: -1, offset: -1, error: nil)
        state = Mutex(State(reports: Array(repeating: pending, count: count), remaining: count))
        let me = Unmanaged.passUnretained(self).toOpaque()
        for index in 0..<count { (slots + index).initialize(to: DeliverySlot(batch: me, index: index)) }
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// Keeps the batch alive while librdkafka holds pointers into it; balanced by the last
    /// `complete`.
    func retainForDelivery() { _ = Unmanaged.passRetained(self) }

    /// Records the outcome of record `index`. Called from librdkafka's delivery callback or,
    /// for a record librdkafka refused, from the enqueue loop.
    func complete(index: Int, partition: Int32, offset: Int64, error: KafkaError?) {
        let finished: (reports: [DeliveryReport], waiters: [CheckedContinuation<[DeliveryReport], Never>])? =
            state.withLock { state in
                state.reports[index] = DeliveryReport(partition: partition, offset: offset, error: error)
                state.remaining -= 1
                guard state.remaining == 0 else { return nil }
                defer { state.waiters = [] }
                return (state.reports, state.waiters)
            }
        guard let finished else { return }
        for waiter in finished.waiters { waiter.resume(returning: finished.reports) }
        Unmanaged.passUnretained(self).release()
    }

    /// How many records still await their report.
    public var outstanding: Int { state.withLock { $0.remaining } }

    /// Waits until every record is acknowledged or failed; reports are in record order.
    public func reports() async -> [DeliveryReport] {
        await withCheckedContinuation { continuation in
            let ready: [DeliveryReport]? = state.withLock { state in
                if state.remaining == 0 { return state.reports }
                state.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
