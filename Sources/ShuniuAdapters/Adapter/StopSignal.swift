import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM turned into a stop request a long-running loop polls (``isRequested``),
/// with Dispatch signal sources instead of a process-wide handler.
///
/// `@unchecked Sendable`: `sources` is written once in `init` and never mutated; Dispatch
/// sources are thread-safe, and every other piece of state is an `Atomic`.
public final class StopSignal: @unchecked Sendable {
    private let count = SignalCount()
    private let sources: [DispatchSourceSignal]

    /// Starts listening for `signals`; `onSignal` gets the signal and how many have arrived
    /// (the first asks for a graceful stop; a caller may exit on the second).
    public init(signals: [Int32] = [SIGINT, SIGTERM], onSignal: @escaping @Sendable (Int32, Int) -> Void = { _, _ in }) {
        let queue = DispatchQueue(label: "shuniu.stop-signal")
        let count = count
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let seen = count.value.add(1, ordering: .sequentiallyConsistent).newValue
                onSignal(number, seen)
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// Whether a stop has been asked for.
    public var isRequested: Bool { count.value.load(ordering: .sequentiallyConsistent) > 0 }
}

/// The number of signals received, shared with the signal handlers.
private final class SignalCount: Sendable {
    let value = Atomic<Int>(0)
}
