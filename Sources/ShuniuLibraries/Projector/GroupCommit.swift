import Synchronization

/// The store side of a projector's pipeline: one transaction in flight on the store queue,
/// and the changes decoded meanwhile held for the next one.
///
/// While the store is busy, decoded batches are held; when it is free (or the group reached
/// `maxGrouped` changes) everything held goes into one transaction. A store that keeps up thus
/// writes each batch as it comes, and one that falls behind writes fewer, larger transactions,
/// which cost less per change (each commit rewrites every page it touched).
struct GroupCommit<Target: ProjectionTarget> {
    /// What one finished transaction did and how long the store took.
    typealias Finished = (outcome: ApplyOutcome, storing: Duration)

    let target: Target
    let queue: StoreQueue
    let maxGrouped: Int
    private var inFlight: Task<Finished, any Error>?
    private var inFlightDone: Completion?
    private var held: [Target.Change] = []
    private var heldProgress: [PartitionProgress] = []

    init(target: Target, queue: StoreQueue, maxGrouped: Int) {
        self.target = target
        self.queue = queue
        self.maxGrouped = max(1, maxGrouped)
    }

    /// Whether no transaction is running.
    var isIdle: Bool { inFlightDone?.isDone ?? true }

    /// Takes decoded changes and their progress. Starts a transaction with everything held
    /// unless the store is still busy and the group has room; returns the transaction it had
    /// to wait for, if any.
    mutating func add(_ changes: [Target.Change], progress: [PartitionProgress]) async throws -> Finished? {
        held += changes
        heldProgress = PartitionProgress.merge(heldProgress, progress)
        if let inFlightDone, !inFlightDone.isDone, held.count < maxGrouped { return nil }
        let finished = try await waitForInFlight()
        startHeld()
        return finished
    }

    /// Starts a transaction with what is held if the store has become free meanwhile (called
    /// after every poll, so that changes held while the store was busy are written even when
    /// no new records arrive); returns the transaction it collected, if any.
    mutating func writeHeldIfIdle() async throws -> Finished? {
        guard !heldProgress.isEmpty, isIdle else { return nil }
        let finished = try await waitForInFlight()
        startHeld()
        return finished
    }

    /// Writes everything held and waits for it: the transactions waited for.
    mutating func flush() async throws -> [Finished] {
        var finished: [Finished] = []
        if let done = try await waitForInFlight() { finished.append(done) }
        guard !heldProgress.isEmpty else { return finished }
        startHeld()
        if let done = try await waitForInFlight() { finished.append(done) }
        return finished
    }

    /// Waits for the transaction in flight and drops what is held (after an error: the
    /// positions of the dropped changes were not stored, so they are read again).
    mutating func abandon() async throws -> Finished? {
        held = []
        heldProgress = []
        return try await waitForInFlight()
    }

    private mutating func waitForInFlight() async throws -> Finished? {
        guard let inFlight else { return nil }
        self.inFlight = nil
        inFlightDone = nil
        return try await inFlight.value
    }

    private mutating func startHeld() {
        let (changes, progress, target, queue) = (held, heldProgress, target, queue)
        held = []
        heldProgress = []
        let done = Completion()
        inFlightDone = done
        inFlight = Task {
            defer { done.markDone() }
            return try await queue.run {
                let started = ContinuousClock.now
                let outcome = try target.apply(changes, progress: progress)
                return (outcome, ContinuousClock.now - started)
            }
        }
    }
}

/// A flag a transaction's task sets when it ends.
private final class Completion: Sendable {
    private let done = Atomic(false)

    var isDone: Bool { done.load(ordering: .acquiring) }

    func markDone() { done.store(true, ordering: .releasing) }
}
