import ShuniuAudit
import ShuniuModel
import ShuniuRouter
import Testing

/// Replay's check of what departments hold: every record of a `sub.<department>` topic must be
/// confirmed by a sealed audit record of a delivery to that department with the same digest
/// of key, headers and value (pure: the records are the router's own outputs, as bytes).
@Suite("Replay checks received records against the audit (pure)")
struct ReceivedReplayTests {
    let records = AuditFixtures.sourceRecords(200)
    let known: (String) -> Bool = { AuditFixtures.catalogue.theme($0) != nil }

    func history() throws -> GrantHistory {
        GrantHistory(entries: try AuditFixtures.grantLog([(0, "g-grid", AuditFixtures.gridCentre, false),
                                                          (1, "g-civil", AuditFixtures.civilAffairs, false)]),
                     catalogue: AuditFixtures.catalogue)
    }

    /// The records the router writes to the subscriber topics for `records`, read back as bytes.
    func received(_ history: GrantHistory) -> [ReceivedRecord] {
        let router = Router(catalogue: AuditFixtures.catalogue, secret: AuditFixtures.secret)
        var scope = ScopeMemory()
        var out: [ReceivedRecord] = []
        for record in records {
            let source = SourcePosition(topic: "src.\(AuditFixtures.theme)", partition: 0, offset: record.offset)
            let result = router.decide(key: record.key, headers: record.headers, value: record.value, source: source,
                                       grants: history.table(after: history.entries.count), scope: &scope)
            for decision in result.decisions where decision.outcome == .delivered {
                let subscriber = decision.subscriber ?? ""
                out.append(ReceivedRecord(subscriber: subscriber, topic: Topics.subscriber(subscriber), partition: 0,
                                          offset: Int64(out.count), key: Array(decision.key.utf8), headers: decision.headers,
                                          value: decision.value,
                                          theme: ReceivedRecord.claimedTheme(headers: decision.headers, known: known)))
            }
        }
        return out
    }

    @Test func everyRecordTheRouterWroteIsConfirmed() throws {
        let history = try history()
        let audited = AuditFixtures.route(records, history: history) { _ in history.entries.count }
        let received = received(history)
        #expect(received.count > 50 && Set(received.map(\.subscriber)).count == 2)
        #expect(received.allSatisfy { $0.theme == AuditFixtures.theme })
        var report = ReplayReport(theme: AuditFixtures.theme, window: .all)
        report.check(received: received, unattributed: [], audited: audited.values.joined())
        #expect(report.received == received.count && report.isClean, "\(report.differences.prefix(3))")
    }

    /// A copy sent to another department, a record with one byte changed, and a record with no
    /// envelope at all: each is reported, and nothing else.
    @Test func injectedAlteredAndUnattributedRecordsAreReported() throws {
        let history = try history()
        let audited = AuditFixtures.route(records, history: history) { _ in history.entries.count }
        var received = received(history)
        var copied = received[3]
        copied.subscriber = "tax"
        copied.position = "sub.tax 0/0"
        let original = received[7]
        received[7] = ReceivedRecord(subscriber: original.subscriber, topic: "sub.\(original.subscriber)", partition: 0, offset: 7,
                                     key: Array("x".utf8), headers: [EnvelopeHeader(name: DeliveredHeader.source, text: original.claimedSource ?? "")],
                                     value: [], theme: AuditFixtures.theme)
        received.append(copied)
        #expect(ReceivedRecord.claimedTheme(headers: [], known: known) == nil)
        let stray = ReceivedRecord(subscriber: "tax", topic: "sub.tax", partition: 0, offset: 1, key: nil, headers: [],
                                   value: Array("{}".utf8), theme: nil)
        var report = ReplayReport(theme: AuditFixtures.theme, window: .all)
        report.check(received: received, unattributed: [stray], audited: audited.values.joined())
        #expect(report.differences.count == 3)
        #expect(report.differences.allSatisfy { $0.kind == .receivedWithoutAudit })
        #expect(Set(report.differences.compactMap(\.received)) == ["sub.tax 0/0", "\(original.position)", "sub.tax 0/1"])
        #expect(report.differences.contains { $0.detail.contains("names no source record") && $0.received == "sub.tax 0/1" })
        #expect(report.differences.first { $0.received == "sub.tax 0/0" }?.description.contains("received-without-audit") == true)
    }

    /// Only deliveries confirm: an audit record of an out-of-scope decision whose digest
    /// someone copied does not.
    @Test func onlyDeliveredDecisionsConfirm() throws {
        let history = try history()
        var audited = AuditFixtures.route(records, history: history) { _ in history.entries.count }
        let received = received(history)
        let target = received[0]
        for (offset, list) in audited {
            audited[offset] = list.map { decision in
                var decision = decision
                if decision.facts.envelope == target.envelope && decision.facts.subscriber == target.subscriber {
                    decision.facts.decision = "out-of-scope"
                }
                return decision
            }
        }
        var report = ReplayReport(theme: AuditFixtures.theme, window: .all)
        report.check(received: received, unattributed: [], audited: audited.values.joined())
        #expect(report.differences.count == 1 && report.differences.first?.received == target.position)
    }
}
