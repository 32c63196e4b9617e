import ShuniuCredit
import ShuniuModel
import Testing

@Suite struct ObjectionRulesTests {
    let rules = ObjectionRules(catalogue: CreditFixture.catalogue)
    let record = "administrative-penalties/穗市监罚〔2026〕1号"
    let subject = CreditEvents.enterprise

    func filed(at: String = "2026-03-02T09:00:00Z") throws -> Objection {
        try rules.apply(CreditEvents.step("o1", .filed, by: subject, at: at, subject: subject, record: record, sequence: 1,
                                          reason: "the fine was paid and the decision revoked"), to: nil)
    }

    func refusalCode(_ body: () throws(CreditRefusal) -> Objection) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return error.code
        }
    }

    @Test func lifecycleFiledReviewRejected() throws {
        var objection = try filed()
        #expect(objection.state == .filed && objection.theme == "administrative-penalties" && objection.state.isOpen)
        objection = try rules.apply(CreditEvents.step("o1", .reviewing, by: "justice", at: "2026-03-03T09:00:00Z"), to: objection)
        #expect(objection.state == .underReview)
        let rejected = try rules.apply(CreditEvents.step("o1", .rejected, by: "justice", at: "2026-03-10T09:00:00Z",
                                                         reason: "the decision stands; no revocation on file"), to: objection)
        #expect(rejected.state == .rejected && rejected.decidedBy == "justice" && rejected.decisionReason == "the decision stands; no revocation on file")
        #expect(!rejected.state.isOpen)
        // Decided once: every further decision is refused.
        #expect(refusalCode { () throws(CreditRefusal) in
            try rules.apply(CreditEvents.step("o1", .upheld, by: "justice", at: "2026-03-11T09:00:00Z"), to: rejected)
        } == "already-decided")
    }

    @Test func refusesWhatTheRulesForbid() throws {
        let objection = try filed()
        // Only the provider of the record's theme decides; only the subject files.
        #expect(refusalCode { () throws(CreditRefusal) in
            try rules.apply(CreditEvents.step("o1", .upheld, by: "tax", at: "2026-03-03T09:00:00Z"), to: objection)
        } == "not-provider")
        #expect(refusalCode { () throws(CreditRefusal) in
            try rules.apply(CreditEvents.step("o2", .filed, by: "justice", at: "2026-03-02T09:00:00Z", subject: subject,
                                              record: record, reason: "x"), to: nil)
        } == "not-subject")
        // A rejection needs a reason, a correction names its event.
        #expect(refusalCode { () throws(CreditRefusal) in
            try rules.apply(CreditEvents.step("o1", .rejected, by: "justice", at: "2026-03-03T09:00:00Z", reason: "  "), to: objection)
        } == "missing-reason")
        #expect(refusalCode { () throws(CreditRefusal) in
            try rules.apply(CreditEvents.step("o1", .corrected, by: "justice", at: "2026-03-03T09:00:00Z"), to: objection)
        } == "missing-correction")
        #expect(refusalCode { () throws(CreditRefusal) in
            try rules.apply(CreditEvents.step("o9", .upheld, by: "justice", at: "2026-03-03T09:00:00Z"), to: nil)
        } == "unknown-objection")
        #expect(refusalCode { () throws(CreditRefusal) in
            try rules.apply(CreditEvents.step("o3", .filed, by: subject, at: "2026-03-02T09:00:00Z", subject: subject,
                                              record: "marriage/x", reason: "x"), to: nil)
        } == "unknown-record")
        #expect(refusalCode { () throws(CreditRefusal) in
            try rules.apply(CreditEvents.step("o1", .filed, by: subject, at: "2026-03-02T09:00:00Z", subject: subject,
                                              record: record, reason: "again"), to: objection)
        } == "duplicate-objection")
        let reviewing = try rules.apply(CreditEvents.step("o1", .reviewing, by: "justice", at: "2026-03-03T09:00:00Z"), to: objection)
        #expect(refusalCode { () throws(CreditRefusal) in
            try rules.apply(CreditEvents.step("o1", .reviewing, by: "justice", at: "2026-03-04T09:00:00Z"), to: reviewing)
        } == "already-under-review")
    }

    @Test func deadlineInWorkingDaysFromTheEventTime() throws {
        // Filed on Monday 2 March 2026: 15 working days later is Monday 23 March.
        let objection = try filed(at: "2026-03-02T17:30:00+08:00")
        #expect(objection.due(workingDays: 15).description == "2026-03-23")
        #expect(objection.due(workingDays: 5).description == "2026-03-09")
        #expect(!objection.isOverdue(on: CalendarDate(iso: "2026-03-23")!, workingDays: 15))
        #expect(objection.isOverdue(on: CalendarDate(iso: "2026-03-24")!, workingDays: 15))
        // Filed on a Friday: the weekend does not count.
        let friday = try filed(at: "2026-03-06T09:00:00Z")
        #expect(friday.due(workingDays: 1).description == "2026-03-09")
        // A decided objection is never overdue.
        let decided = try rules.apply(CreditEvents.step("o1", .upheld, by: "justice", at: "2026-05-01T09:00:00Z"), to: objection)
        #expect(!decided.isOverdue(on: CalendarDate(iso: "2026-06-01")!, workingDays: 15))
    }

    @Test func subjectKindsFromIdentifiers() {
        func code(_ head: String) -> String {
            CreditCode.make(authority: head.first!, kind: head.last!, region: "440106", organisationBase: "12345678").value
        }
        #expect(CreditSubjectKind.of(code("91")) == .enterprise)
        #expect(CreditSubjectKind.of(code("92")) == .enterprise)
        #expect(CreditSubjectKind.of(code("12")) == .publicInstitution)
        #expect(CreditSubjectKind.of(code("11")) == .governmentBody)
        #expect(CreditSubjectKind.of(code("51")) == .socialOrganisation)
        #expect(CreditSubjectKind.of(code("53")) == .socialOrganisation)
        #expect(CreditSubjectKind.of(CreditEvents.person) == .individual)
        #expect(CreditSubjectKind.of("not-an-id") == nil)
    }
}
