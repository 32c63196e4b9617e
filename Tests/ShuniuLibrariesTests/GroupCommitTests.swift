import Foundation
import ShuniuKafka
import ShuniuSQLite
import Synchronization
import Testing
@testable import ShuniuLibraries

@Suite("Group commit: a busy store gets fewer, larger transactions with the same result")
struct GroupCommitTests {
    @Test func aSlowStoreGroupsBatchesAndEndsInTheSameState() async throws {
        let changes = History.generate(subjects: 300, seed: 7)
        let chunks = stride(from: 0, to: changes.count, by: 100).map { Array(changes[$0..<min($0 + 100, changes.count)]) }
        let file = try StoreFile()
        let target = SlowTarget(store: try SQLiteLibraryStore(path: file.path), delay: .milliseconds(40))
        let finished = Mutex(0)
        var group = GroupCommit(target: target, queue: StoreQueue(label: "test.group-commit"), maxGrouped: 450) { _ in
            finished.withLock { $0 += 1 }
        }
        for chunk in chunks {
            try await group.add(chunk, progress: Self.progress(of: chunk))
        }
        try await group.flush()

        let sizes = target.transactionSizes
        #expect(sizes.reduce(0, +) == changes.count, "every change written once")
        #expect(sizes.count == finished.withLock { $0 }, "every transaction reported once")
        #expect(sizes.count < chunks.count, "\(chunks.count) batches went into \(sizes.count) transactions")
        #expect(sizes.allSatisfy { $0 < 450 + 100 }, "a group stops growing at maxGrouped: \(sizes)")

        let reference = try StoreFile()
        let one = try SQLiteLibraryStore(path: reference.path)
        _ = try one.apply(ProjectionBatch(changes: changes, progress: Self.progress(of: changes)))
        #expect(try target.store.digest(.person) == one.digest(.person))
        #expect(try target.store.positions() == one.positions())
        let (grouped, single) = (try target.store.totals(), try one.totals())
        #expect(grouped.read == changes.count && grouped.read == single.read)
        #expect(grouped.applied == single.applied && grouped.stale == single.stale)
    }

    @Test func aStoreThatKeepsUpGetsEveryBatchAsItComes() async throws {
        let changes = History.generate(subjects: 100, seed: 9)
        let chunks = stride(from: 0, to: changes.count, by: 50).map { Array(changes[$0..<min($0 + 50, changes.count)]) }
        let file = try StoreFile()
        let target = SlowTarget(store: try SQLiteLibraryStore(path: file.path), delay: .zero)
        var group = GroupCommit(target: target, queue: StoreQueue(label: "test.group-commit"), maxGrouped: 100_000) { _ in }
        for chunk in chunks {
            try await group.add(chunk, progress: Self.progress(of: chunk))
            // A condition wait, not a timing assertion: on a loaded CI machine one 50-row
            // transaction was seen to take over 60 s (every suite runs at once on 2 cores).
            let deadline = ContinuousClock.now + .seconds(600)
            while !group.isIdle && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
            #expect(group.isIdle, "the store did not finish a 50-row transaction within 600 s")
        }
        try await group.flush()
        #expect(target.transactionSizes == chunks.map(\.count))
    }

    @Test func progressMergesToOneEntryPerPartitionWithTheLaterPosition() {
        let merged = PartitionProgress.merge(
            [PartitionProgress(topic: "src.a", partition: 0, next: 10, read: 10, rejected: 1),
             PartitionProgress(topic: "src.b", partition: 1, next: 5, read: 5)],
            [PartitionProgress(topic: "src.a", partition: 0, next: 25, read: 15, rejected: 2),
             PartitionProgress(topic: "src.a", partition: 2, next: 3, read: 3)])
        #expect(merged == [PartitionProgress(topic: "src.a", partition: 0, next: 25, read: 25, rejected: 3),
                           PartitionProgress(topic: "src.a", partition: 2, next: 3, read: 3),
                           PartitionProgress(topic: "src.b", partition: 1, next: 5, read: 5)])
    }

    /// Each partition's next offset and count, from the changes' `topic/partition/offset` sources.
    static func progress(of changes: [SliceChange]) -> [PartitionProgress] {
        var found: [SourcePartition: PartitionProgress] = [:]
        for change in changes {
            let parts = change.lineage.source.split(separator: "/")
            let key = SourcePartition(topic: String(parts[0]), partition: Int32(parts[1])!)
            var entry = found[key] ?? PartitionProgress(topic: key.topic, partition: key.partition, next: 0)
            entry.next = max(entry.next, Int64(parts[2])! + 1)
            entry.read += 1
            found[key] = entry
        }
        return found.values.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
    }
}

/// A real SQLite library store behind a target whose transactions take at least `delay`,
/// recording each transaction's size.
private final class SlowTarget: ProjectionTarget, @unchecked Sendable {
    // @unchecked Sendable: `sizes` is behind a Mutex; the store is Sendable.
    let store: SQLiteLibraryStore
    let delay: Duration
    private let sizes = Mutex<[Int]>([])

    init(store: SQLiteLibraryStore, delay: Duration) {
        self.store = store
        self.delay = delay
    }

    var transactionSizes: [Int] { sizes.withLock { $0 } }
    var sourceTopics: [String] { [] }
    func positions() throws -> [SourcePartition: Int64] { try store.positions() }
    func batch(_ messages: [ConsumerMessage]) -> (changes: [SliceChange], progress: [PartitionProgress]) { ([], []) }

    func apply(_ changes: [SliceChange], progress: [PartitionProgress]) throws -> ApplyOutcome {
        Thread.sleep(forTimeInterval: Double(delay.components.attoseconds) / 1e18 + Double(delay.components.seconds))
        sizes.withLock { $0.append(changes.count) }
        return try store.apply(ProjectionBatch(changes: changes, progress: progress))
    }
}
