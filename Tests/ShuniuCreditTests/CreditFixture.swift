import Foundation
import ShuniuCredit
import ShuniuLibraries
import ShuniuModel

/// A fresh credit library file over the repository's catalogue, fed through the real pure
/// projection (encoded Kafka records → ``CreditProjection`` → ``SQLiteCreditStore``).
final class CreditFixture {
    static let catalogue: Catalogue = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
        return try! CatalogueLoader.load(directory: root.appendingPathComponent("topics"))
    }()

    let directory: URL
    let store: SQLiteCreditStore
    let projection = CreditProjection(catalogue: CreditFixture.catalogue)
    private var offsets: [String: Int64] = [:]

    var catalogue: Catalogue { Self.catalogue }
    var reader: CreditReader { CreditReader(lookup: store, catalogue: Self.catalogue) }

    init(name: String = "credit.sqlite") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-credit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteCreditStore(path: directory.appendingPathComponent(name).path, catalogue: Self.catalogue)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The changes `events` make (refused ones left out), at consecutive offsets of their topics.
    func changes(_ events: [ChangeEvent]) -> [CreditChange] {
        events.compactMap { event in
            let record = ChangeEventCodec.encode(event)
            let topic = Topics.source(event.theme)
            let offset = offsets[topic, default: 0]
            offsets[topic] = offset + 1
            return try? projection.change(key: record.key, headers: record.headers, value: record.value, topic: topic,
                                          partition: 0, offset: offset).get()
        }
    }

    /// The change an objection step makes.
    func changes(_ steps: [ObjectionEvent]) -> [CreditChange] {
        steps.map { step in
            let offset = offsets[Topics.creditObjections, default: 0]
            offsets[Topics.creditObjections] = offset + 1
            return try! projection.change(key: Array(step.objection.utf8), headers: [], value: step.encoded(),
                                          topic: Topics.creditObjections, partition: 0, offset: offset).get()
        }
    }

    @discardableResult
    func feed(_ events: [ChangeEvent]) throws -> ApplyOutcome { try store.apply(changes(events), progress: []) }

    @discardableResult
    func feed(_ steps: [ObjectionEvent]) throws -> ApplyOutcome { try store.apply(changes(steps), progress: []) }
}

/// Hand-made credit events.
enum CreditEvents {
    static let enterprise = CreditCode.make(authority: "9", kind: "1", region: "440106", organisationBase: "MA5A0B1C").value
    static let person = CitizenID.make(region: "440106", year: 1980, month: 5, day: 17, sequence: 123).value
    static let authority = CreditCode.make(authority: "1", kind: "1", region: "440100", organisationBase: "00001234").value

    static func penalty(_ number: String, offender: String = enterprise, sequence: Int64 = 1, fine: String = "5000",
                        publicityUntil: String = "2027-06-30", id: String? = nil) -> ChangeEvent {
        let person = offender.count == 18 && (try? CitizenID(validating: offender)) != nil
        var row: Row = [
            "decision_no": .string(number), "offender_kind": .string(person ? "person" : "legal-entity"),
            "offender_name": .string(person ? "张*" : "广州某某贸易有限公司"), "violation": .string("未按规定公示年度报告"),
            "penalty_type": .string("fine"), "fine_amount": .number(fine), "decided_on": .string("2026-01-15"),
            "authority_name": .string("广州市市场监督管理局"), "publicity_until": .string(publicityUntil),
        ]
        row = Row(row.fields + [Row.Field(name: person ? "offender_citizen_id" : "offender_credit_code", value: .string(offender))])
        return ChangeEvent.upsert(id: id ?? "pen-\(number)-\(sequence)", source: "justice", theme: "administrative-penalties",
                                  subject: number, time: "2026-01-15T08:00:00Z", sequence: sequence, row: row)
    }

    static func licence(_ number: String, holder: String = enterprise, sequence: Int64 = 1) -> ChangeEvent {
        let row: Row = [
            "decision_no": .string(number), "licence_name": .string("食品经营许可证"), "licence_type": .string("general"),
            "holder_kind": .string("legal-entity"), "holder_name": .string("广州某某贸易有限公司"),
            "holder_credit_code": .string(holder), "decided_on": .string("2025-03-01"), "authority_name": .string("广州市市场监督管理局"),
            "status": .string("valid"), "district": .string("yuexiu"),
        ]
        return ChangeEvent.upsert(id: "lic-\(number)-\(sequence)", source: "data-administration", theme: "administrative-licences",
                                  subject: number, time: "2025-03-01T08:00:00Z", sequence: sequence, row: row)
    }

    static func tax(_ code: String = enterprise, grade: String = "B", district: String = "yuexiu", sequence: Int64 = 1) -> ChangeEvent {
        let row: Row = [
            "credit_code": .string(code), "tax_id": .string(code), "taxpayer_name": .string("广州某某贸易有限公司"),
            "taxpayer_status": .string("normal"), "credit_grade": .string(grade), "registered_on": .string("2020-04-01"),
            "district": .string(district),
        ]
        return ChangeEvent.upsert(id: "tax-\(code)-\(sequence)", source: "tax", theme: "tax-registration", subject: code,
                                  time: "2025-04-01T08:00:00Z", sequence: sequence, row: row)
    }

    static func step(_ objection: String, _ kind: ObjectionEvent.Kind, by: String, at: String, subject: String? = nil,
                     record: String? = nil, sequence: Int64? = nil, reason: String? = nil, correction: String? = nil) -> ObjectionEvent {
        ObjectionEvent(id: "\(objection)-\(kind.rawValue)-\(at)", objection: objection, kind: kind, by: by, at: at, subject: subject,
                       record: record, recordSequence: sequence, reason: reason, correction: correction)
    }

    /// A grant table holding the approved grants `applications` ask for (unconditional themes).
    static func grants(_ applications: [(String, GrantApplication)]) throws -> GrantTable {
        var table = GrantTable()
        let workflow = GrantWorkflow(catalogue: CreditFixture.catalogue)
        for (id, application) in applications {
            for event in try workflow.apply(application, id: id, at: "2025-01-02T09:00:00Z", table: table) {
                if let refusal = table.apply(event, catalogue: CreditFixture.catalogue) { throw refusal }
            }
        }
        return table
    }
}
