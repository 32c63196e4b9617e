import ShuniuAudit
import ShuniuModel
import ShuniuRouter
import Testing

@Suite("Routing replay against the audit (pure)")
struct ReplayTests {
    let records = AuditFixtures.sourceRecords(300)

    /// Both grants written before the first record (timestamp 0 and 1).
    func history(revokeAt: Int64? = nil) throws -> GrantHistory {
        var steps: [(timestamp: Int64, grant: String, application: GrantApplication?, revoke: Bool)] = [
            (0, "g-grid", AuditFixtures.gridCentre, false), (1, "g-civil", AuditFixtures.civilAffairs, false),
        ]
        if let revokeAt { steps.append((revokeAt, "g-civil", nil, true)) }
        return GrantHistory(entries: try AuditFixtures.grantLog(steps), catalogue: AuditFixtures.catalogue)
    }

    func replay(_ history: GrantHistory, window: TimeWindow = .all) -> RoutingReplay {
        RoutingReplay(router: Router(catalogue: AuditFixtures.catalogue, secret: AuditFixtures.secret), history: history,
                      theme: AuditFixtures.theme, window: window)
    }

    @Test func aCleanRunReplaysWithoutDifference() throws {
        let history = try history()
        let audited = AuditFixtures.route(records, history: history) { _ in history.entries.count }
        let report = replay(history).replay(partition: 0, records: records, audited: audited)
        #expect(report.records == 300)
        #expect(report.differences.isEmpty, "\(report.differences.prefix(3))")
        let outcomes = audited.values.flatMap { $0 }.map(\.facts)
        // The scenario exercises scope: deliveries, out-of-scope decisions, and left-scope deletes.
        #expect(outcomes.contains { $0.reason == "left-scope" })
        #expect(outcomes.contains { $0.decision == "out-of-scope" })
        #expect(report.decisions == outcomes.count)
    }

    @Test func aRemovedAuditRecordIsADeliveryWithoutAudit() throws {
        let history = try history()
        var audited = AuditFixtures.route(records, history: history) { _ in history.entries.count }
        let removed = audited[41]!.removeFirst()
        let report = replay(history).replay(partition: 0, records: records, audited: audited)
        #expect(report.differences.count == 1)
        let difference = try #require(report.differences.first)
        #expect(difference.kind == .deliveryWithoutAudit)
        #expect(difference.source == "src.household-registration/0/41")
        #expect(difference.replayed == removed.facts)
    }

    @Test func anAlteredAndAForgedAuditRecordAreFound() throws {
        let history = try history()
        var audited = AuditFixtures.route(records, history: history) { _ in history.entries.count }
        let index = try #require(audited[10]!.firstIndex { $0.facts.decision == "delivered" })
        audited[10]![index].facts.fields = "name"
        var forged = audited[20]![0]
        forged.facts.subscriber = "tax"
        forged.facts.grant = "g-none"
        audited[20]!.append(forged)
        let report = replay(history).replay(partition: 0, records: records, audited: audited)
        #expect(report.differences.map(\.kind) == [.different, .auditWithoutDelivery])
        #expect(report.differences[0].source.hasSuffix("/0/10") && report.differences[0].detail.contains("fields [name]"))
        #expect(report.differences[1].source.hasSuffix("/0/20") && report.differences[1].recorded?.subscriber == "tax")
    }

    @Test func anAuditRecordForAPositionWithNoSourceRecordIsFound() throws {
        let history = try history()
        var audited = AuditFixtures.route(records, history: history) { _ in history.entries.count }
        audited[5_000] = audited[3]
        let report = replay(history).replay(partition: 0, records: records, audited: audited)
        #expect(!report.differences.isEmpty)
        #expect(report.differences.allSatisfy { $0.kind == .auditWithoutDelivery && $0.source.hasSuffix("/0/5000") })
    }

    /// A revocation written while record 150's batch was in hand (after the record, before its
    /// audit): the router may have routed it either way, and replay accepts the old table.
    /// Routing a record written after the revocation under the revoked grant is a difference.
    @Test func aGrantChangeInFlightIsNotADifferenceButALateOneIs() throws {
        let revokeAt: Int64 = 1_000 + 10 * 150 + 2   // after record 150 was written, before its audit (+5)
        let history = try history(revokeAt: revokeAt)
        let all = history.entries.count
        var audited = AuditFixtures.route(records, history: history) { $0 <= 150 ? all - 1 : all }
        var report = replay(history).replay(partition: 0, records: records, audited: audited)
        #expect(report.differences.isEmpty, "\(report.differences.prefix(3))")
        #expect(report.routedBeforeGrantChange == 1, "record 150 matches under the table before the revocation")

        audited = AuditFixtures.route(records, history: history) { $0 <= 160 ? all - 1 : all }
        report = replay(history).replay(partition: 0, records: records, audited: audited)
        let late = Set(report.differences.map { $0.source })
        #expect(!late.isEmpty)
        #expect(late.allSatisfy { Int($0.split(separator: "/").last!)! > 150 && Int($0.split(separator: "/").last!)! <= 160 })
        #expect(report.differences.allSatisfy { $0.kind == .auditWithoutDelivery && $0.recorded?.grant == "g-civil" })
    }

    /// The router's batch bound: a revocation written before a record's audit but after the
    /// record may or may not have been applied; both are accepted.
    @Test func theRouterMayApplyAChangeThatLandedBeforeTheAudit() throws {
        let revokeAt: Int64 = 1_000 + 10 * 150 + 2
        let history = try history(revokeAt: revokeAt)
        let all = history.entries.count
        // Record 150 routed under the new table, i.e. the revocation was read in time.
        let audited = AuditFixtures.route(records, history: history) { $0 < 150 ? all - 1 : all }
        let report = replay(history).replay(partition: 0, records: records, audited: audited)
        #expect(report.differences.isEmpty)
        #expect(report.routedBeforeGrantChange == 0)
        // Record 150 under the old table although its audit came later: the earlier prefix matches.
        let older = AuditFixtures.route(records, history: history) { $0 <= 150 ? all - 1 : all }
        var shifted = older
        for (offset, decisions) in older where offset == 150 {
            shifted[offset] = decisions.map { var late = $0; late.timestamp = revokeAt + 100; return late }
        }
        let second = replay(history).replay(partition: 0, records: records, audited: shifted)
        #expect(second.differences.isEmpty)
        #expect(second.routedBeforeGrantChange == 1)
    }

    @Test func theWindowBoundsTheReportNotTheWalk() throws {
        let history = try history()
        var audited = AuditFixtures.route(records, history: history) { _ in history.entries.count }
        audited[0]!.removeAll()            // 2025-01-10: outside the window
        audited[4]!.removeAll()            // 2025-05-14: inside
        let window = try TimeWindow(since: "2025-05-01", until: "2025-05-31")
        let report = replay(history, window: window).replay(partition: 0, records: records, audited: audited)
        #expect(report.records == 300)
        #expect(Set(report.differences.map(\.source)) == ["src.household-registration/0/4"])
        #expect(report.differencesOutsideWindow > 0)
        #expect(report.recordsInWindow == records.filter { window.contains(($0.headers.first { $0.name == "ce_time" }?.text)!) }.count)
    }

    @Test func aNewSegmentAfterARestartStartsWithEmptyScopeMemory() throws {
        let history = try history()
        let all = history.entries.count
        // A router routes records 0..<200 (segment #0); a new process re-routes from 180 (segment #1, empty scope memory).
        var audited = AuditFixtures.route(Array(records.prefix(200)), history: history) { _ in all }
        let restarted = AuditFixtures.route(Array(records.suffix(from: 180)), history: history, prefix: { _ in all }, segment: 1)
        for (offset, decisions) in restarted { audited[offset, default: []] += decisions }
        let report = replay(history).replay(partition: 0, records: records, audited: audited)
        #expect(report.differences.isEmpty, "\(report.differences.prefix(3))")
        #expect(report.segmentsAfterRestart == 1)
    }

    /// A process killed with its last record's outputs in flight: part of that record's audit
    /// records never reached the broker, and the next process routed it again in a new
    /// segment. Not a difference; the same gap at the end of the newest segment is one.
    @Test func aRoutingCutOffByACrashIsCountedNotReported() throws {
        let history = try history()
        let all = history.entries.count
        var audited = AuditFixtures.route(Array(records.prefix(200)), history: history) { _ in all }
        let tail = try #require(audited[199]?.count)
        #expect(tail == 2, "record 199 has a decision for each grant")
        audited[199]!.removeLast()
        let restarted = AuditFixtures.route(Array(records.suffix(from: 180)), history: history, prefix: { _ in all }, segment: 1)
        for (offset, decisions) in restarted { audited[offset, default: []] += decisions }
        let report = replay(history).replay(partition: 0, records: records, audited: audited)
        #expect(report.differences.isEmpty, "\(report.differences.prefix(3))")
        #expect(report.routingsCutOff == 1)

        audited[299]!.removeLast()
        let newest = replay(history).replay(partition: 0, records: records, audited: audited)
        #expect(newest.differences.map(\.source) == ["src.household-registration/0/299"])
        #expect(newest.differences.first?.kind == .deliveryWithoutAudit)
    }
}
