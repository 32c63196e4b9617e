import Dispatch

/// A serial queue for blocking store calls (SQLite writes, digests), so that they never
/// occupy a thread of the Swift cooperative pool.
public struct StoreQueue: Sendable {
    private let queue: DispatchQueue

    /// A queue named `label`.
    public init(label: String) { queue = DispatchQueue(label: label) }

    /// Runs `body` on the queue and resumes the caller with its result.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let result: Result<T, any Error> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Result { try body() }) }
        }
        return try result.get()
    }
}
