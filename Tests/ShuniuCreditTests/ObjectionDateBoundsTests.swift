import ShuniuCredit
import ShuniuModel
import Testing

/// Objection steps dated far away are refused, and a deadline never traps (docs/bounds.md).
@Suite struct ObjectionDateBoundsTests {
    let rules = ObjectionRules(catalogue: CreditFixture.catalogue)
    let record = "administrative-penalties/穗市监罚〔2026〕1号"
    let subject = CreditEvents.enterprise

    func code(filedAt at: String) -> String? {
        do {
            _ = try rules.apply(CreditEvents.step("o9", .filed, by: subject, at: at, subject: subject, record: record,
                                                  reason: "paid"), to: nil)
            return nil
        } catch {
            return error.code
        }
    }

    @Test(arguments: ["9999-12-31T00:00:00Z", "2101-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"])
    func filingsOutsideTheYearsAreRefused(_ at: String) {
        #expect(code(filedAt: at) == "date-out-of-range")
    }

    @Test func filingsInsideTheYearsAreAccepted() {
        #expect(code(filedAt: "2000-01-01T00:00:00Z") == nil)
        #expect(code(filedAt: "2100-12-31T23:59:59Z") == nil)
    }

    @Test func decisionsOutsideTheYearsAreRefused() throws {
        let filed = try rules.apply(CreditEvents.step("o9", .filed, by: subject, at: "2026-03-02T09:00:00Z", subject: subject,
                                                      record: record, reason: "paid"), to: nil)
        #expect(throws: CreditRefusal.self) {
            try rules.apply(CreditEvents.step("o9", .upheld, by: "justice", at: "9999-12-31T00:00:00Z"), to: filed)
        }
    }

    /// An objection from a log written before dates were bounded: its deadline stops at the
    /// calendar's last day instead of trapping, and any number of working days is bounded.
    @Test func deadlinesNeverTrap() throws {
        let lastDay = try #require(CalendarDate(iso: "9999-12-31"))
        let objection = Objection(id: "o9", subject: subject, record: record, theme: "administrative-penalties",
                                  recordSequence: nil, state: .filed, reason: "paid", filedAt: "9999-12-31T00:00:00Z",
                                  filedOn: lastDay)
        #expect(objection.due(workingDays: 15) == .latest)
        #expect(objection.due(workingDays: .max) == .latest)
        #expect(objection.due(workingDays: .min) == lastDay)
        let ordinary = try #require(CalendarDate(iso: "2026-03-02"))
        var recent = objection
        recent.filedOn = ordinary
        #expect(recent.due(workingDays: 5).description == "2026-03-09")
    }
}
