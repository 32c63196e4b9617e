import CRdKafka
import Foundation
import Synchronization

/// A thread that serves a producer's callbacks (delivery reports, errors, logs) with
/// `rd_kafka_poll`, off the Swift cooperative pool.
///
/// `@unchecked Sendable`: `stopped` is atomic and `finished` is a semaphore; the handle is
/// itself thread-safe.
final class PollThread: @unchecked Sendable {
    private let handle: RdKafkaHandle
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    init(handle: RdKafkaHandle, name: String) {
        self.handle = handle
        let thread = Thread { [self] in
            while !stopped.load(ordering: .acquiring) {
                rd_kafka_poll(self.handle.pointer, 100)
            }
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Stops polling and waits (at most one poll interval) for the thread to end. Idempotent.
    func stop() {
        if stopped.exchange(true, ordering: .acquiringAndReleasing) == false {
            finished.wait()
        }
    }
}
