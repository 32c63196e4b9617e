import ShuniuLibraries
import ShuniuModel
import Testing

@Suite("Library store: idempotent, order-free, atomic with its positions")
struct ConvergenceTests {
    private func digest(of changes: [SliceChange], batch: Int) throws -> (String, ApplyOutcome) {
        let file = try StoreFile()
        let store = try SQLiteLibraryStore(path: file.path)
        var start = 0
        var total = ApplyOutcome()
        while start < changes.count {
            let end = min(start + batch, changes.count)
            let outcome = try store.apply(ProjectionBatch(changes: Array(changes[start..<end])))
            total.applied += outcome.applied
            total.stale += outcome.stale
            start = end
        }
        return (try store.digest(.person), total)
    }

    @Test(arguments: [1 as UInt64, 2, 3, 4, 5])
    func anyPermutationWithDuplicatesGivesTheOrderedDigest(seed: UInt64) throws {
        let ordered = History.generate(subjects: 300, seed: 42)
        let (expected, outcome) = try digest(of: ordered, batch: 500)
        var random = SplitMix(seed: seed)
        var shuffled = ordered + ordered.filter { _ in random.next() % 3 == 0 }
        shuffled.shuffle(using: &random)
        let (found, shuffledOutcome) = try digest(of: shuffled, batch: Int(random.next() % 200) + 1)
        #expect(found == expected)
        #expect(outcome == ApplyOutcome(applied: ordered.count, stale: 0))
        #expect(shuffledOutcome.applied + shuffledOutcome.stale == shuffled.count)
        #expect(shuffledOutcome.stale >= shuffled.count - ordered.count)
    }

    @Test func aDifferentHistoryGivesADifferentDigest() throws {
        let ordered = History.generate(subjects: 50, seed: 42)
        let (expected, _) = try digest(of: ordered, batch: 100)
        let (other, _) = try digest(of: Array(ordered.dropLast()), batch: 100)
        #expect(other != expected)
    }

    @Test func aDeleteRemovesTheThemeAndAnOlderUpsertCannotReviveIt() throws {
        let file = try StoreFile()
        let store = try SQLiteLibraryStore(path: file.path)
        let id = "440105198001010012"
        _ = try store.apply(ProjectionBatch(changes: [
            History.change(id, "marriage", 1, #"{"status":"married"}"#, offset: 0),
            History.change(id, "employer", 1, #"{"employer":"A"}"#, offset: 1),
            History.change(id, "marriage", 3, nil, offset: 2),
        ]))
        let outcome = try store.apply(ProjectionBatch(changes: [History.change(id, "marriage", 2, #"{"status":"divorced"}"#, offset: 3)]))
        #expect(outcome == ApplyOutcome(applied: 0, stale: 1))
        let record = try #require(try store.record(.person, subject: id))
        #expect(record.slices.map(\.theme) == ["employer"])
        #expect(record.slice("employer")?.lineage.eventID == "employer/\(id)/1")
        #expect(try store.totals().tombstones[.person] == 1)
        _ = try store.apply(ProjectionBatch(changes: [History.change(id, "employer", 2, nil, offset: 4)]))
        #expect(try store.record(.person, subject: id) == nil)
    }

    @Test func positionsAndCountersCommitWithTheChanges() throws {
        let file = try StoreFile()
        let store = try SQLiteLibraryStore(path: file.path)
        let changes = History.generate(subjects: 20, seed: 7)
        _ = try store.apply(ProjectionBatch(changes: changes, progress: [
            PartitionProgress(topic: "src.marriage", partition: 0, next: Int64(changes.count), read: changes.count + 2, rejected: 2),
        ]))
        let reopened = try SQLiteLibraryStore(path: file.path)
        #expect(try reopened.positions() == [SourcePartition(topic: "src.marriage", partition: 0): Int64(changes.count)])
        let totals = try reopened.totals()
        #expect(totals.read == changes.count + 2)
        #expect(totals.rejected == 2)
        #expect(try reopened.digest(.person) == store.digest(.person))
    }

    @Test func entitiesAreFoundByTheirOlderCodes() throws {
        let file = try StoreFile()
        let store = try SQLiteLibraryStore(path: file.path)
        let code = "91440101MA5CXXXX1L"
        _ = try store.apply(ProjectionBatch(changes: [
            History.change(code, "organisation-code", 1, #"{"organisation_code":"12345678-9"}"#, offset: 0, library: .entity, aliases: ["12345678-9"]),
            History.change(code, "tax-registration", 1, #"{"tax_id":"440101123456789"}"#, offset: 1, library: .entity, aliases: ["440101123456789"]),
        ]))
        #expect(try store.resolveEntity("12345678-9") == code)
        #expect(try store.resolveEntity("440101123456789") == code)
        #expect(try store.resolveEntity(code.lowercased()) == code)
        #expect(try store.resolveEntity("00000000-0") == nil)
        _ = try store.apply(ProjectionBatch(changes: [
            History.change(code, "organisation-code", 2, #"{"organisation_code":"87654321-0"}"#, offset: 2, library: .entity, aliases: ["87654321-0"]),
        ]))
        #expect(try store.resolveEntity("12345678-9") == nil)
        #expect(try store.resolveEntity("87654321-0") == code)
        let reader = try SQLiteLibraryReader(path: file.path, connections: 2)
        #expect(try reader.record(.entity, subject: code)?.slices.count == 2)
        #expect(try reader.resolveEntity("440101123456789") == code)
    }

    @Test func aReaderRefusesAFileThatIsNoLibrary() throws {
        let file = try StoreFile()
        #expect(throws: (any Error).self) { try SQLiteLibraryReader(path: file.path + ".missing") }
    }
}
