import Foundation
import ShuniuAudit
import ShuniuModel
import ShuniuRouter

/// The repository's catalogue, and a small routed history built with the router's own parts
/// (`Router.decide`, `AuditChain`): source records, grant log entries with timestamps, and the
/// audit records a router would have written.
enum AuditFixtures {
    static let catalogue: Catalogue = {
        let topics = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../topics")
        return try! CatalogueLoader.load(directory: topics.standardizedFileURL)
    }()

    static let secret = try! HubSecret(bytes: Array("audit-test-secret-audit-test-secret".utf8))
    static let theme = "household-registration"
    static let districts = ["panyu", "tianhe", "liwan"]

    static func person(_ n: Int) -> String {
        CitizenID.make(region: "440113", year: 1980 + n % 30, month: 1 + n % 12, day: 1 + n % 28, sequence: 100 + n % 800).value
    }

    static let gridCentre = GrantApplication(subscriber: "panyu-grid-centre", theme: theme, function: "grid-management",
                                             basis: "网格化服务管理办法", fields: ["name", "district", "address"],
                                             masks: ["citizen_id": "partial"], scope: ["district": ["panyu"]])
    static let civilAffairs = GrantApplication(subscriber: "civil-affairs", theme: theme, function: "social-assistance",
                                               basis: "社会救助暂行办法", fields: ["name", "birth_date", "district"],
                                               masks: ["citizen_id": "pseudonym", "birth_date": "year"])

    /// The workflow events that grant `applications` (and revoke the ids in `revoke`),
    /// each written at the given Kafka timestamp.
    static func grantLog(_ steps: [(timestamp: Int64, grant: String, application: GrantApplication?, revoke: Bool)]) throws -> [GrantHistory.Entry] {
        var table = GrantTable()
        let workflow = GrantWorkflow(catalogue: catalogue)
        var entries: [GrantHistory.Entry] = []
        for step in steps {
            let events: [GrantEvent]
            if let application = step.application {
                events = try workflow.apply(application, id: step.grant, at: "2025-01-02T09:00:00Z", table: table)
            } else {
                events = [try workflow.revoke(step.grant, by: table.grant(step.grant)!.subscriber, reason: "case closed",
                                              at: "2025-06-01T00:00:00Z", table: table)]
            }
            for event in events {
                table.apply(event, catalogue: catalogue)
                entries.append(GrantHistory.Entry(offset: Int64(entries.count), timestamp: step.timestamp, event: event))
            }
        }
        return entries
    }

    /// `count` household-registration events on partition 0: people move between districts
    /// (so scoped subscribers see rows enter and leave their scope) and some are deleted.
    /// Record `i` is written at timestamp `1_000 + 10 * i`.
    static func sourceRecords(_ count: Int, subjects: Int = 12) -> [SourceRecord] {
        var sequences: [String: Int64] = [:]
        return (0..<count).map { index in
            let subject = person(index % subjects)
            let sequence = (sequences[subject] ?? 0) + 1
            sequences[subject] = sequence
            let time = "2025-\(index % 9 + 1 < 10 ? "0" : "")\(index % 9 + 1)-1\(index % 10)T08:00:00Z"
            let id = "\(theme)/\(subject)/\(sequence)"
            let event: ChangeEvent
            if index % 17 == 16 {
                event = .delete(id: id, source: "public-security", theme: theme, subject: subject, time: time, sequence: sequence)
            } else {
                let row: Row = ["citizen_id": .string(subject), "name": "张伟", "sex": "male", "birth_date": "1980-02-02",
                                "address": "广州市某路1号", "district": .string(districts[(index / 3 + index) % 3]),
                                "household_id": "H-1", "registration_status": "active"]
                event = .upsert(id: id, source: "public-security", theme: theme, subject: subject, time: time, sequence: sequence, row: row)
            }
            let encoded = ChangeEventCodec.encode(event)
            return SourceRecord(offset: Int64(index), timestamp: 1_000 + 10 * Int64(index), key: encoded.key,
                                headers: encoded.headers, value: encoded.value)
        }
    }

    /// Routes `records` as the router does, record `i` under `history.table(after: prefix(i))`,
    /// and returns the audit records by source offset (audit timestamp: source timestamp + 5).
    static func route(_ records: [SourceRecord], history: GrantHistory, prefix: (Int) -> Int,
                      segment: Int = 0) -> [Int64: [AuditedDecision]] {
        let router = Router(catalogue: catalogue, secret: secret)
        var scope = ScopeMemory()
        var chain = AuditChain(key: .test)
        if segment > 0 { chain.takeOver(seen: ["src.\(theme)/0#\(segment - 1)": (0, AuditChain.genesis)]) }
        var audited: [Int64: [AuditedDecision]] = [:]
        for (index, record) in records.enumerated() {
            let source = SourcePosition(topic: "src.\(theme)", partition: 0, offset: record.offset)
            let result = router.decide(key: record.key, headers: record.headers, value: record.value, source: source,
                                       grants: history.table(after: prefix(index)), scope: &scope)
            // One audit record per source record, as the router writes it.
            guard let sealed = chain.seal(result.decisions) else { continue }
            let row = try! Row.parse(bytes: sealed.record)
            for (decision, stated) in zip(result.decisions, AuditRecord.decisions(of: row)) {
                audited[record.offset, default: []].append(AuditedDecision(
                    segment: sealed.segment, timestamp: record.timestamp + 5, time: decision.time, event: decision.eventID,
                    position: "audit.exchange 0/\(index)", facts: DecisionFacts(record: stated)))
            }
        }
        return audited
    }
}
