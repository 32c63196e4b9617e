import ShuniuAudit
import ShuniuModel
import ShuniuRouter
import Testing

@Suite("audit verify: every record checked, the report bounded by the records' own time")
struct VerifyTests {
    /// 30 access records of one chain, one a day from 2025-03-01.
    func records() -> [[UInt8]] {
        var chain = AuditChain(key: .test)
        return (0..<30).map { day in
            let event = AccessEvent(channel: "api", outcome: .read, department: "civil-affairs", subject: AuditFixtures.person(day),
                                    theme: "marriage", grantID: "g-1", basis: "law", fields: ["status"], value: Array("{}".utf8),
                                    time: "2025-03-\(day + 1 < 10 ? "0" : "")\(day + 1)T10:00:00Z")
            return chain.seal(chain: "access/api-1", fields: AccessRecord.fields(event)).record
        }
    }

    func check(_ records: [[UInt8]], window: TimeWindow = .all) -> AuditLogSummary {
        var check = AuditLogCheck(topic: Topics.access, window: window, key: .test)
        for (offset, record) in records.enumerated() { check.check(record, partition: 1, offset: Int64(offset)) }
        return check.summary
    }

    @Test func aCleanLogIsIntact() {
        let summary = check(records())
        #expect(summary.records == 30 && summary.recordsInWindow == 30)
        #expect(summary.chains == 1 && summary.segments == 1 && summary.breaks.isEmpty)
        #expect(AuditVerification(window: .all, logs: [summary]).isIntact)
    }

    @Test func aTamperedRecordIsReportedWithItsPosition() throws {
        var all = records()
        all[12] = Array(String(decoding: all[12], as: UTF8.self).replacingOccurrences(of: "civil-affairs", with: "tax").utf8)
        let summary = check(all)
        let first = try #require(summary.breaks.first)
        #expect(first.position == "1/12" && first.seq == 13 && first.chain == "access/api-1#0")
        #expect(first.problem.contains("altered"))
        #expect(first.description.hasPrefix("audit.access 1/12: chain access/api-1#0 seq 13"))
    }

    @Test func aRemovedRecordIsReported() throws {
        var all = records()
        all.remove(at: 7)
        let first = try #require(check(all).breaks.first)
        #expect(first.position == "1/7" && first.seq == 9 && first.problem.contains("8...8 missing"))
    }

    @Test func theWindowBoundsTheReportButEveryRecordIsChecked() throws {
        var all = records()
        all.remove(at: 3)        // seq 4, 2025-03-04: the break shows at seq 5 (2025-03-05)
        all.remove(at: 19)       // seq 21, 2025-03-21: the break shows at seq 22 (2025-03-22)
        let window = try TimeWindow(since: "2025-03-20", until: "2025-03-31")
        let summary = check(all, window: window)
        #expect(summary.records == 28)
        #expect(summary.recordsInWindow == 10, "days 20...30 but the removed 21st")
        #expect(summary.breaks.map(\.seq) == [22])
        #expect(summary.breaksOutsideWindow == 1)
    }

    @Test func aMissingSegmentIsALinkBreak() {
        var chain = AuditChain(key: .test)
        chain.takeOver(seen: ["access/api-1#1": (3, AuditChain.genesis)])
        let event = AccessEvent(channel: "api", outcome: .notFound, department: "tax", subject: AuditFixtures.person(1), time: "2025-03-01T00:00:00Z")
        let record = chain.seal(chain: "access/api-1", fields: AccessRecord.fields(event)).record
        let summary = check([record])
        #expect(summary.breaks.map(\.chain) == ["access/api-1#0", "access/api-1#1", "access/api-1#2"])
        #expect(summary.breaks.first?.problem.contains("segment missing") == true)
    }

    @Test func timeBoundsAreCheckedWithTheFixInTheMessage() throws {
        #expect(throws: AuditInputError.self) { try TimeWindow(since: "2025-02-30", until: nil) }
        #expect(throws: AuditInputError.self) { try TimeWindow(since: "yesterday", until: nil) }
        #expect(throws: AuditInputError.self) { try TimeWindow(since: "2025-03-01T08:00:00+08:00", until: nil) }
        do {
            _ = try TimeWindow(since: "2025-04-01", until: "2025-03-01")
            Issue.record("a reversed window was accepted")
        } catch {
            #expect(error.code == "bad-time" && error.message.contains("swap"))
        }
        let day = try TimeWindow(since: "2025-03-01T08:00:00Z", until: "2025-03-02")
        #expect(day.contains("2025-03-02T23:59:59Z") && !day.contains("2025-03-03T00:00:00Z"))
        #expect(!day.contains("2025-03-01T07:59:59Z") && day.contains("2025-03-01T08:00:00Z"))
    }

    @Test func eventTimesConvertToEpochSeconds() {
        #expect(EventTime.seconds("1970-01-01T00:00:00Z") == 0)
        #expect(EventTime.seconds("2025-03-01T08:00:00.250+08:00") == EventTime.seconds("2025-03-01T00:00:00Z"))
        #expect(EventTime.seconds("2024-02-29T00:00:00Z")! - EventTime.seconds("2024-02-28T00:00:00Z")! == 86_400)
        #expect(EventTime.seconds("2025-03-01") == nil)
        #expect(EventTime.seconds("2025-03-01T25:00:00Z") == nil)
        for text in ["1969-12-31T23:59:59Z", "2000-02-29T12:34:56Z", "2025-12-31T23:59:59Z"] {
            #expect(EventTime.seconds(text).map(EventTime.text) == text)
        }
    }
}
