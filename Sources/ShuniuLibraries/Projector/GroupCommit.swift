import Synchronization

/// The store side of a projector's pipeline: one transaction in flight on the store queue,
/// and the changes decoded meanwhile held for the next one.
///
/// While the store is busy, decoded batches are held; when it is free (or the group reached
/// `maxGrouped` changes) everything held goes into one transaction. A store that keeps up thus
/// writes each batch as it comes, and one that falls behind writes fewer, larger transactions,
/// which cost less per change (each commit rewrites every page it touched). Each finished
/// transaction is reported to `finished` when it is waited for.
struct GroupCommit<Target: ProjectionTarget> {
    /// What one finished transaction did and how long the store took.
    typealias Finished = (outcome: ApplyOutcome, storing: Duration)

    let target: Target
    let queue: StoreQueue
    let maxGrouped: Int
    private let finished: (Finished) -> Void
    private var inFlight: (task: Task<Finished, any Error>, done: Completion)?
    private var held: [Target.Change] = []
    private var heldProgress: [PartitionProgress] = []

    init(target: Target, queue: StoreQueue, maxGrouped: Int, finished: @escaping (Finished) -> Void) {
        self.target = target
        self.queue = queue
        self.maxGrouped = max(1, maxGrouped)
        self.finished = finished
    }

    /// Whether no transaction is running.
    var isIdle: Bool { inFlight?.done.isDone ?? true }

    /// Takes decoded changes and their progress; starts a transaction with everything held
    /// unless the store is still busy and the group has room.
    mutating func add(_ changes: [Target.Change], progress: [PartitionProgress]) async throws {
        held += changes
        heldProgress = PartitionProgress.merge(heldProgress, progress)
        if isIdle || held.count >= maxGrouped { try await writeHeld() }
    }

    /// Starts a transaction with what is held if the store has become free meanwhile (called
    /// after an empty poll, so that changes held while the store was busy are written even
    /// when no new records arrive).
    mutating func writeHeldIfIdle() async throws {
        if isIdle { try await writeHeld() }
    }

    /// Writes everything held and waits for it.
    mutating func flush() async throws {
        try await writeHeld()
        try await waitForInFlight()
    }

    /// Waits for the transaction in flight and drops what is held (after an error: the
    /// positions of the dropped changes were not stored, so they are read again).
    mutating func abandon() async throws {
        held = []
        heldProgress = []
        try await waitForInFlight()
    }

    private mutating func waitForInFlight() async throws {
        guard let running = inFlight else { return }
        inFlight = nil
        finished(try await running.task.value)
    }

    /// Waits for the transaction in flight, then starts one with everything held (if anything:
    /// progress alone, of records that were all refused, is worth storing too).
    private mutating func writeHeld() async throws {
        try await waitForInFlight()
        guard !heldProgress.isEmpty else { return }
        let (changes, progress, target, queue) = (held, heldProgress, target, queue)
        held = []
        heldProgress = []
        let done = Completion()
        let task = Task { () async throws -> Finished in
            defer { done.markDone() }
            return try await queue.run {
                let started = ContinuousClock.now
                let outcome = try target.apply(changes, progress: progress)
                return (outcome: outcome, storing: ContinuousClock.now - started)
            }
        }
        inFlight = (task, done)
    }
}

/// A flag a transaction's task sets when it ends.
private final class Completion: Sendable {
    private let done = Atomic(false)

    var isDone: Bool { done.load(ordering: .acquiring) }

    func markDone() { done.store(true, ordering: .releasing) }
}
