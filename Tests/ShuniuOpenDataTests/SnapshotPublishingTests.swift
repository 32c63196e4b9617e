import Foundation
import ShuniuModel
import ShuniuOpenData
import Testing

/// The publisher on a real folder: versions, the gate against the previous version read back
/// from disk, immutability. The theme state is folded from change events, as the source does.
@Suite struct SnapshotPublishingTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-opendata-unit-\(UUID().uuidString)")
    let theme = Repository.catalogue.theme("household-registration")!
    let dataset = OpenDataset(id: "residents-by-district-sex", title: LocalizedName(zh: "户籍人口", en: "Residents"), description: "test",
                              domain: "population", theme: "household-registration",
                              content: .counts(rows: [.field("district")], column: .field("sex")),
                              only: ["registration_status": ["active"]])
    var publisher: OpenDataPublisher {
        OpenDataPublisher(catalogue: Repository.catalogue, datasets: [dataset], negativeList: NegativeList(),
                          policy: DisclosurePolicy(), store: SnapshotStore(root: folder))
    }

    /// Adds `count` active residents of a district and sex, one event each, at `day` of June 2026.
    func add(_ state: inout ThemeState, _ district: String, _ sex: String, _ count: Int, day: Int, from first: Int) {
        for index in first..<first + count {
            let id = CitizenID.make(region: "440106", year: 1980, month: 1, day: 1, sequence: index).value
            let row: Row = ["citizen_id": .string(id), "district": .string(district), "sex": .string(sex), "registration_status": "active"]
            let time = "2026-06-\(day < 10 ? "0" : "")\(day)T02:00:00Z"
            state.apply(ValidatedEvent(event: .upsert(id: id, source: "public-security", theme: theme.id, subject: id, time: time, sequence: 1, row: row), row: row))
        }
    }

    func snapshot(_ state: ThemeState, end: Int64) -> ThemeSnapshot {
        ThemeSnapshot(state: state, positions: [SourcePosition(topic: "src.household-registration", partition: 0, endOffset: end)])
    }

    @Test func versionsAreWrittenOnlyWhenTheGateAndTheContentAllow() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var state = ThemeState(theme: theme.id)
        add(&state, "yuexiu", "male", 5, day: 1, from: 0)
        add(&state, "yuexiu", "female", 6, day: 2, from: 10)
        add(&state, "tianhe", "male", 7, day: 3, from: 20)
        add(&state, "tianhe", "female", 8, day: 4, from: 30)
        #expect(try publisher.publish(dataset, theme: theme, snapshot: snapshot(state, end: 26)) == .published(version: 1, rows: 2, suppressed: 0))
        let store = SnapshotStore(root: folder)
        let v1 = try store.version(dataset.id, 1)
        let v1Files = try ["data.csv", "data.json", "metadata.json"].map { try store.file(v1, $0) }
        #expect(String(decoding: v1Files[0], as: UTF8.self) == "district,male,female,total\nyuexiu,5,6,11\ntianhe,7,8,15\ntotal,12,14,26\n")
        #expect(v1.metadata.modified == "2026-06-04T02:00:00Z" && v1.metadata.issued == v1.metadata.modified)

        // The same state again: unchanged, even at a later offset.
        #expect(try publisher.publish(dataset, theme: theme, snapshot: snapshot(state, end: 30)) == .unchanged(version: 1))

        // One more resident of yuexiu, male: the difference of the releases is a cell of one.
        add(&state, "yuexiu", "male", 1, day: 5, from: 40)
        guard case .refused(let reasons) = try publisher.publish(dataset, theme: theme, snapshot: snapshot(state, end: 31)) else {
            Issue.record("a change of one subject in one cell was published")
            return
        }
        #expect(reasons.allSatisfy { $0.code == .differencing } && reasons.contains { $0.message.contains("yuexiu × male") })
        #expect(store.versionNumbers(dataset.id) == [1])

        // Two more: the cell moved by three since v1, so v2 goes out and v1 stays as it was.
        add(&state, "yuexiu", "male", 2, day: 6, from: 50)
        #expect(try publisher.publish(dataset, theme: theme, snapshot: snapshot(state, end: 33)) == .published(version: 2, rows: 2, suppressed: 0))
        #expect(try ["data.csv", "data.json", "metadata.json"].map { try store.file(store.version(dataset.id, 1), $0) } == v1Files)
        let v2 = try store.version(dataset.id, 2).metadata
        #expect(v2.previousVersion == "v1" && v2.issued == v1.metadata.modified && v2.modified == "2026-06-06T02:00:00Z")
        #expect(v2.sourceOffsets == [SourcePosition(topic: "src.household-registration", partition: 0, endOffset: 33)])

        // A version is never written twice.
        #expect(throws: SnapshotStoreError.self) { try store.write(dataset.id, version: 2, files: [("data.csv", [])]) }
        #expect(try store.file(store.version(dataset.id, 2), "data.csv").count > 0)
    }

    @Test func aRecordDatasetHoldingACitizenIDIsRefusedAndNothingIsWritten() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let enterprises = try #require(Repository.catalogue.theme("enterprise-registration"))
        let registry = try #require(OpenDataset.standard.first { $0.id == "enterprise-registry" })
        let id = CitizenID.make(region: "440106", year: 1970, month: 3, day: 3, sequence: 7).value
        let code = CreditCode.make(authority: "9", kind: "1", region: "440106", organisationBase: "MA59XKQ1").value
        let row: Row = ["credit_code": .string(code), "name": "广州某某科技有限公司", "business_scope": .string("法定代表人\(id)"), "status": "operating"]
        var state = ThemeState(theme: enterprises.id)
        state.apply(ValidatedEvent(event: .upsert(id: "x", source: "market-regulation", theme: enterprises.id, subject: code,
                                                  time: "2026-01-01T00:00:00Z", sequence: 1, row: row), row: row))
        let outcome = try OpenDataPublisher(catalogue: Repository.catalogue, datasets: [registry], negativeList: NegativeList(),
                                            policy: DisclosurePolicy(), store: SnapshotStore(root: folder))
            .publish(registry, theme: enterprises, snapshot: ThemeSnapshot(state: state, positions: []))
        #expect(outcome.refusalCodes == [.identifyingField])
        #expect(SnapshotStore(root: folder).datasets().isEmpty)
    }
}

extension DatasetOutcome {
    var refusalCodes: [DisclosureRefusal.Code] {
        if case .refused(let reasons) = self { return reasons.map(\.code) }
        return []
    }
}
