/// A value computed at most once per interval however many ask: concurrent callers await the
/// one computation in progress (single flight), and its result (a failure too) is reused until
/// `interval` has passed since it finished. The computation runs in its own task, so a caller
/// that goes away (a closed connection) does not cancel it for the others.
public actor SingleFlight<Value: Sendable> {
    private let interval: Duration
    private let compute: @Sendable () async throws -> Value
    private var last: (finished: ContinuousClock.Instant, result: Result<Value, any Error>)?
    private var running: Task<Result<Value, any Error>, Never>?

    /// Reuses each result of `compute` for `interval`.
    public init(interval: Duration, compute: @escaping @Sendable () async throws -> Value) {
        self.interval = interval
        self.compute = compute
    }

    /// The last result while it is fresh, else the one being computed, else a new one.
    public func value() async throws -> Value {
        if let last, ContinuousClock.now - last.finished < interval { return try last.result.get() }
        if let running { return try await running.value.get() }
        let compute = compute
        let task = Task { () -> Result<Value, any Error> in
            do { return .success(try await compute()) } catch { return .failure(error) }
        }
        running = task
        let result = await task.value
        last = (ContinuousClock.now, result)
        running = nil
        return try result.get()
    }
}
