import ShuniuAudit
import ShuniuModel
import ShuniuRouter
import Testing

/// The deliveries leak tracing reads: replay's decisions that the audit confirms, with the
/// delivered rows and the record key as the department received it.
@Suite struct LeakReplayTests {
    let records = AuditFixtures.sourceRecords(120)

    func deliveries(tamper: Int64? = nil) throws -> [TracedDelivery] {
        let history = GrantHistory(entries: try AuditFixtures.grantLog([
            (0, "g-grid", AuditFixtures.gridCentre, false), (1, "g-civil", AuditFixtures.civilAffairs, false),
        ]), catalogue: AuditFixtures.catalogue)
        var audited = AuditFixtures.route(records, history: history) { _ in history.entries.count }
        if let tamper, var recorded = audited[tamper] {
            for index in recorded.indices where recorded[index].facts.subscriber == "civil-affairs" {
                recorded[index].facts.sha256 = String(repeating: "0", count: 64)
            }
            audited[tamper] = recorded
        }
        let router = Router(catalogue: AuditFixtures.catalogue, secret: AuditFixtures.secret)
        var found: [TracedDelivery] = []
        _ = RoutingReplay(router: router, history: history, theme: AuditFixtures.theme)
            .replay(partition: 0, records: records, audited: audited) { decision, audit in
                if let delivery = TracedDelivery(decision, audit: audit, keyField: "citizen_id", keys: router.keys) { found.append(delivery) }
            }
        return found
    }

    @Test func confirmedDeliveriesCarryTheDeliveredRowAndTheDepartmentsRecordKey() throws {
        let all = try deliveries()
        let civil = all.filter { $0.department == "civil-affairs" }
        #expect(!civil.isEmpty && all.contains { $0.department == "panyu-grid-centre" })
        let keys = PseudonymKeys(secret: AuditFixtures.secret, departments: ["civil-affairs"])
        for delivery in civil {
            let pseudonym = keys.pseudonym(delivery.subject, for: "civil-affairs")
            #expect(delivery.row["citizen_id"] == .string(pseudonym) && delivery.recordKey == pseudonym)
            #expect(delivery.sha256 == SHA256Digest.hex(SHA256Digest.hash(delivery.row.serialized())))
            #expect(delivery.grant == "g-civil" && delivery.deliveredAt > 0)
        }
        // A leak of civil-affairs' pseudonyms is traced there.
        let leaked = civil.prefix(8).enumerated().map { LeakedRow(line: $0.offset + 1, values: [$0.element.row["citizen_id"]!.stringValue!]) }
        var tracer = LeakTracer(rows: leaked)
        all.forEach { tracer.add($0) }
        let report = tracer.report(file: "leak.csv", format: .csv)
        #expect(report.traced == 8 && report.departments == ["civil-affairs"] && report.sources.first?.grant == "g-civil")
    }

    @Test func aDeliveryWhoseAuditDigestDiffersIsNotCounted() throws {
        let clean = try deliveries()
        let offset = try #require(clean.first { $0.department == "civil-affairs" }?.source.split(separator: "/").last.flatMap { Int64($0) })
        let tampered = try deliveries(tamper: offset)
        #expect(tampered.count == clean.count - 1)
        #expect(!tampered.contains { $0.department == "civil-affairs" && $0.source.hasSuffix("/\(offset)") })
    }
}
