import ShuniuAudit
import ShuniuModel
import ShuniuRouter
import Testing

@Suite("evaluate: per-department sharing from folded counts")
struct EvaluationTests {
    let catalogue = AuditFixtures.catalogue

    func row(_ fields: [String: JSONScalar]) -> Row {
        var row = Row()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) { row[name] = value }
        return row
    }

    func grants() throws -> GrantTable {
        var table = GrantTable()
        let log = try AuditFixtures.grantLog([(0, "g-grid", AuditFixtures.gridCentre, false), (1, "g-civil", AuditFixtures.civilAffairs, false)])
        for entry in log { table.apply(entry.event!, catalogue: catalogue) }
        return table
    }

    @Test func countsFoldIntoDepartmentsAndDays() throws {
        let household = catalogue.theme("household-registration")!
        var counts = ExchangeCounts(year: 2025)
        for day in 1...9 { counts.addPublished(theme: household, sender: "public-security", time: "2025-03-0\(day)T08:00:00Z") }
        counts.addPublished(theme: household, sender: "public-security", time: "2024-12-31T08:00:00Z")   // other year
        counts.addPublished(theme: household, sender: "tax", time: "2025-03-02T09:00:00Z")               // forged sender
        let delivered: [String: JSONScalar] = ["decision": "delivered", "subscriber": "civil-affairs", "grant": "g-civil",
                                               "source": "src.household-registration/0/1", "time": "2025-03-01T08:00:00Z"]
        counts.addExchange(row(delivered))
        counts.addExchange(row(delivered))       // the same delivery recorded twice (a restart): counted once
        counts.addExchange(row(delivered.merging(["source": "src.household-registration/0/2", "time": "2025-03-02T08:00:00Z"]) { $1 }))
        counts.addExchange(row(["decision": "out-of-scope", "subscriber": "panyu-grid-centre", "grant": "g-grid",
                                "source": "src.household-registration/0/1", "time": "2025-03-01T08:00:00Z"]))
        counts.addExchange(row(["decision": "rejected", "provider": "tax", "reason": "not-authoritative",
                                "source": "src.household-registration/0/9", "time": "2025-03-02T09:00:00Z"]))
        counts.addAccess(row(["decision": "read", "department": "civil-affairs", "time": "2025-03-03T10:00:00Z"]))
        counts.addAccess(row(["decision": "denied", "department": "civil-affairs", "time": "2025-03-03T10:00:00Z"]))

        let evaluation = Evaluation(catalogue: catalogue, counts: counts, grants: try grants())
        let police = try #require(evaluation.departments.first { $0.id == "public-security" })
        let civil = try #require(evaluation.departments.first { $0.id == "civil-affairs" })
        let tax = try #require(evaluation.departments.first { $0.id == "tax" })
        #expect(police.published == 9 && police.subscriptionsServed == 2 && police.themesProvided.contains("household-registration"))
        #expect(civil.received == 2 && civil.apiReads == 1 && civil.subscriptionsHeld == 1)
        #expect(tax.published == 1 && tax.rejected == ["not-authoritative": 1])
        #expect(evaluation.asOf == "2025-03-09T08:00:00Z", "the latest authoritative event, not the forged one")
        #expect(evaluation.days.map(\.day) == (1...9).map { "2025-03-0\($0)" })
        #expect(evaluation.days[1].totals == DayTotals(published: 2, delivered: 1, rejected: 1, reads: 0))
        // Realtime household registration, updated once a day: late (8 daily gaps > 1 hour).
        let fresh = try #require(police.freshness.first { $0.theme == "household-registration" })
        #expect(fresh.updates == 9 && fresh.latePeriods == 8 && fresh.late && fresh.longestGap == 86_400)
        #expect(police.lateThemes.contains("household-registration"))
    }

    @Test func freshnessIsJudgedAgainstTheDeclaredFrequency() {
        let day: Int64 = 86_400
        let monthly = Freshness(theme: "t", frequency: .monthly, times: [0, 20 * day, 45 * day], asOf: 60 * day)
        #expect(!monthly.late && monthly.latePeriods == 0 && monthly.longestGap == 25 * day)
        let stale = Freshness(theme: "t", frequency: .monthly, times: [0, 20 * day], asOf: 60 * day)
        #expect(stale.late && stale.latePeriods == 1 && stale.longestGap == 40 * day && stale.last == "1970-01-21T00:00:00Z")
        let never = Freshness(theme: "t", frequency: .daily, times: [], asOf: day)
        #expect(never.late && never.updates == 0 && never.last == nil)
    }

    @Test func theYearCapsTheFreshnessClock() {
        var counts = ExchangeCounts(year: 2024)
        let theme = catalogue.theme("marriage")!
        counts.addPublished(theme: theme, sender: theme.provider, time: "2024-12-30T00:00:00Z")
        let evaluation = Evaluation(catalogue: catalogue, counts: counts, grants: GrantTable(),
                                    asOf: EventTime.seconds("2026-01-01T00:00:00Z"))
        #expect(evaluation.asOf == "2024-12-31T23:59:59Z")
        let marriage = evaluation.departments.flatMap(\.freshness).first { $0.theme == "marriage" }
        #expect(marriage?.late == true && marriage?.latePeriods == 1)
    }
}
