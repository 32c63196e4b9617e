import ShuniuCredit
import ShuniuModel
import Testing

@Suite struct CreditLibraryTests {
    let penalty = "穗市监罚〔2026〕1号"
    var penaltyRecord: String { "administrative-penalties/\(penalty)" }
    let keys = PseudonymKeys(secret: .ephemeral(), departments: [])
    let day = CalendarDate(iso: "2026-03-20")!

    /// development-reform holds credit-information-management, to which penalties and tax registration are entitled.
    func grants() throws -> GrantTable {
        try CreditEvents.grants([
            ("g-pen", GrantApplication(subscriber: "development-reform", theme: "administrative-penalties", function: "credit-information-management",
                                       basis: "广州市公共信用信息管理规定", fields: ["offender_credit_code", "offender_citizen_id", "fine_amount", "violation"],
                                       masks: ["offender_citizen_id": "partial"])),
            ("g-tax", GrantApplication(subscriber: "development-reform", theme: "tax-registration", function: "credit-information-management",
                                       basis: "广州市公共信用信息管理规定", fields: ["credit_grade", "taxpayer_status"], scope: ["district": ["yuexiu"]])),
        ])
    }

    func seeded() throws -> CreditFixture {
        let fixture = try CreditFixture()
        try fixture.feed([CreditEvents.penalty(penalty), CreditEvents.licence("穗许〔2025〕000001号"), CreditEvents.tax()])
        return fixture
    }

    @Test func doublePublicityShowsOnlyLicencesAndPenaltiesWithPublicFields() throws {
        let fixture = try seeded()
        let view = try fixture.reader.publicView(CreditEvents.enterprise.lowercased(), on: day)
        #expect(view.kind == .enterprise)
        #expect(view.entries.map(\.theme) == ["administrative-licences", "administrative-penalties"])
        for entry in view.entries {
            let theme = try #require(fixture.catalogue.theme(entry.theme))
            for name in entry.fields.names { #expect(theme.field(name)?.sensitivity == .public, "\(entry.theme).\(name)") }
            #expect(!entry.disputed && entry.grant == nil)
        }
        // The tax registration (supervision) only under a grant covering its row.
        let granted = try fixture.reader.authorisedView(CreditEvents.enterprise, department: "development-reform", grants: try grants(),
                                                        on: day, keys: keys)
        let tax = try #require(granted.entries.first { $0.theme == "tax-registration" })
        #expect(tax.grant == "g-tax" && tax.creditClass == .supervision)
        #expect(Set(tax.fields.names) == ["credit_code", "credit_grade", "taxpayer_status"])
        let other = try fixture.reader.authorisedView(CreditEvents.enterprise, department: "tax", grants: try grants(), on: day, keys: keys)
        #expect(other.entries.map(\.theme) == ["administrative-licences", "administrative-penalties"])
        // Outside the grant's row scope: not shown.
        try fixture.feed([CreditEvents.tax(district: "panyu", sequence: 2)])
        let moved = try fixture.reader.authorisedView(CreditEvents.enterprise, department: "development-reform", grants: try grants(),
                                                      on: day, keys: keys)
        #expect(!moved.entries.contains { $0.theme == "tax-registration" })
    }

    @Test func disputedRecordHiddenFromPublicMarkedInAuthorisedThenCorrected() throws {
        let fixture = try seeded()
        let subject = CreditEvents.enterprise
        try fixture.feed([CreditEvents.step("o1", .filed, by: subject, at: "2026-03-02T09:00:00Z", subject: subject,
                                            record: penaltyRecord, sequence: 1, reason: "fine already paid")])
        #expect(try fixture.reader.publicView(subject, on: day).entries.map(\.theme) == ["administrative-licences"])
        let authorised = try fixture.reader.authorisedView(subject, department: "development-reform", grants: try grants(), on: day, keys: keys)
        let disputed = try #require(authorised.entries.first { $0.record == penaltyRecord })
        #expect(disputed.disputed && disputed.objection == .filed && disputed.grant == "g-pen")
        let plain = try fixture.reader.authorisedView(subject, department: "tax", grants: try grants(), on: day, keys: keys)
        #expect(plain.entries.first { $0.record == penaltyRecord }?.disputed == true)

        // The provider reviews, publishes a correction through the pipeline, and names it.
        try fixture.feed([CreditEvents.step("o1", .reviewing, by: "justice", at: "2026-03-03T09:00:00Z")])
        #expect(try fixture.reader.publicView(subject, on: day).entries.count == 1)
        try fixture.feed([CreditEvents.penalty(penalty, sequence: 2, fine: "500", id: "pen-fix")])
        try fixture.feed([CreditEvents.step("o1", .corrected, by: "justice", at: "2026-03-05T09:00:00Z", correction: "pen-fix")])
        let after = try fixture.reader.publicView(subject, on: day)
        let corrected = try #require(after.entries.first { $0.record == penaltyRecord })
        #expect(corrected.fields["fine_amount"] == .number("500") && corrected.sequence == 2 && corrected.eventID == "pen-fix")
        #expect(!corrected.disputed && corrected.objection == .corrected)
        let objection = try #require(try fixture.store.objection("o1"))
        #expect(objection.state == .corrected && objection.correction == "pen-fix")
        #expect(try fixture.store.steps(objection: "o1").map(\.step.kind) == [.filed, .reviewing, .corrected])
    }

    @Test func readOnlyPoolSeesWhatTheProjectorCommits() throws {
        let fixture = try seeded()
        let pool = CreditReader(lookup: try SQLiteCreditReader(path: fixture.store.path, connections: 3), catalogue: fixture.catalogue)
        for _ in 0..<3 {
            #expect(try pool.publicView(CreditEvents.enterprise, on: day) == fixture.reader.publicView(CreditEvents.enterprise, on: day))
        }
        try fixture.feed([CreditEvents.step("o1", .filed, by: CreditEvents.enterprise, at: "2026-03-02T09:00:00Z",
                                            subject: CreditEvents.enterprise, record: penaltyRecord, reason: "x")])
        for _ in 0..<3 { #expect(try pool.publicView(CreditEvents.enterprise, on: day).entries.count == 1) }
        #expect(try pool.objections().map(\.id) == ["o1"])
        #expect(throws: (any Error).self) { try SQLiteCreditReader(path: fixture.directory.appendingPathComponent("missing.sqlite").path) }
    }

    @Test func onlyTheRecordsOwnSubjectCanDisputeIt() throws {
        let fixture = try seeded()
        let stranger = CreditCode.make(authority: "9", kind: "1", region: "440106", organisationBase: "MA5A0B9Y").value
        try fixture.feed([CreditEvents.step("o1", .filed, by: stranger, at: "2026-03-02T09:00:00Z", subject: stranger,
                                            record: penaltyRecord, reason: "hide my competitor's penalty")])
        #expect(try fixture.store.objection("o1")?.state == .filed)
        #expect(try fixture.reader.publicView(CreditEvents.enterprise, on: day).entries.count == 2)
    }

    @Test func upheldObjectionWithdrawsTheVersionItNamed() throws {
        let fixture = try seeded()
        let subject = CreditEvents.enterprise
        try fixture.feed([
            CreditEvents.step("o1", .filed, by: subject, at: "2026-03-02T09:00:00Z", subject: subject, record: penaltyRecord, sequence: 1, reason: "not us"),
            CreditEvents.step("o1", .upheld, by: "justice", at: "2026-03-04T09:00:00Z", reason: "wrong offender"),
        ])
        #expect(try fixture.reader.publicView(subject, on: day).entries.map(\.theme) == ["administrative-licences"])
        let granted = try fixture.reader.authorisedView(subject, department: "development-reform", grants: try grants(), on: day, keys: keys)
        let withdrawn = try #require(granted.entries.first { $0.record == penaltyRecord })
        #expect(withdrawn.objection == .upheld && !withdrawn.disputed)
        #expect(try fixture.reader.authorisedView(subject, department: "tax", grants: try grants(), on: day, keys: keys)
            .entries.map(\.theme) == ["administrative-licences"])
        // A newer version from the provider is public again.
        try fixture.feed([CreditEvents.penalty(penalty, sequence: 2)])
        #expect(try fixture.reader.publicView(subject, on: day).entries.count == 2)
    }

    @Test func penaltiesLeaveThePublicViewAfterPublicityEnds() throws {
        let fixture = try CreditFixture()
        try fixture.feed([CreditEvents.penalty(penalty, publicityUntil: "2026-06-30")])
        let subject = CreditEvents.enterprise
        #expect(try fixture.reader.publicView(subject, on: CalendarDate(iso: "2026-06-30")!).entries.count == 1)
        #expect(try fixture.reader.publicView(subject, on: CalendarDate(iso: "2026-07-01")!).entries.isEmpty)
        #expect(try fixture.reader.authorisedView(subject, department: "tax", grants: try grants(), on: CalendarDate(iso: "2026-07-01")!,
                                                  keys: keys).entries.isEmpty)
        let granted = try fixture.reader.authorisedView(subject, department: "development-reform", grants: try grants(),
                                                        on: CalendarDate(iso: "2026-07-01")!, keys: keys)
        #expect(granted.entries.count == 1 && granted.entries[0].grant == "g-pen")
    }

    @Test func overdueObjectionsAreReportedUntilDecided() throws {
        let fixture = try seeded()
        let subject = CreditEvents.enterprise
        try fixture.feed([CreditEvents.step("o1", .filed, by: subject, at: "2026-03-02T09:00:00Z", subject: subject,
                                            record: penaltyRecord, reason: "fine already paid")])
        #expect(try fixture.reader.objections(overdueOn: CalendarDate(iso: "2026-03-23")!).isEmpty)
        #expect(try fixture.reader.objections(overdueOn: CalendarDate(iso: "2026-03-24")!).map(\.id) == ["o1"])
        var shorter = fixture.reader
        shorter.deadlineDays = 5
        #expect(try shorter.objections(overdueOn: CalendarDate(iso: "2026-03-10")!).map(\.id) == ["o1"])
        // A step by the wrong department is refused and kept in the history; the objection stays overdue.
        try fixture.feed([CreditEvents.step("o1", .rejected, by: "tax", at: "2026-03-25T09:00:00Z", reason: "no")])
        #expect(try fixture.store.steps(objection: "o1").last?.refusal?.hasPrefix("not-provider") == true)
        #expect(try fixture.reader.objections(overdueOn: CalendarDate(iso: "2026-03-26")!).map(\.id) == ["o1"])
        try fixture.feed([CreditEvents.step("o1", .rejected, by: "justice", at: "2026-03-26T09:00:00Z", reason: "the decision stands")])
        #expect(try fixture.reader.objections(overdueOn: CalendarDate(iso: "2026-04-30")!).isEmpty)
        #expect(try fixture.reader.objections(subject: subject).first?.state == .rejected)
    }

    @Test func individualsPublicRecordsNeverShowTheirIDNumber() throws {
        let fixture = try CreditFixture()
        try fixture.feed([CreditEvents.penalty("穗市监罚〔2026〕2号", offender: CreditEvents.person)])
        let view = try fixture.reader.publicView(CreditEvents.person, on: day)
        #expect(view.kind == .individual && view.entries.count == 1)
        let json = String(decoding: CreditViewJSON.encode(view), as: UTF8.self)
        #expect(!view.entries[0].fields.description.contains(CreditEvents.person))
        #expect(json.components(separatedBy: CreditEvents.person).count == 2)  // only as the subject queried
        let granted = try fixture.reader.authorisedView(CreditEvents.person, department: "development-reform", grants: try grants(), on: day, keys: keys)
        let masked = try #require(granted.entries.first?.fields["offender_citizen_id"]?.stringValue)
        #expect(masked != CreditEvents.person && masked.hasPrefix(String(CreditEvents.person.prefix(6))) && masked.contains("*"))
    }

    @Test func digestIgnoresDuplicatesAndOrderAndDeletesLeaveTombstones() throws {
        let subject = CreditEvents.enterprise
        let events = [CreditEvents.penalty(penalty), CreditEvents.licence("穗许〔2025〕000001号"), CreditEvents.tax(),
                      CreditEvents.tax(grade: "A", sequence: 2), CreditEvents.penalty(penalty, sequence: 2, fine: "800"),
                      ChangeEvent.delete(id: "lic-del", source: "data-administration", theme: "administrative-licences",
                                         subject: "穗许〔2025〕000001号", time: "2026-02-01T00:00:00Z", sequence: 2)]
        let steps = [CreditEvents.step("o1", .filed, by: subject, at: "2026-03-02T09:00:00Z", subject: subject, record: penaltyRecord, reason: "x"),
                     CreditEvents.step("o1", .rejected, by: "justice", at: "2026-03-03T09:00:00Z", reason: "stands")]
        let live = try CreditFixture()
        try live.feed(events)
        try live.feed(steps)
        let replay = try CreditFixture()
        let shuffled = Array(events.reversed()) + events
        let outcome = try replay.feed(shuffled)
        #expect(outcome.applied + outcome.stale == shuffled.count && outcome.stale >= events.count)
        try replay.feed(steps + steps)
        #expect(try live.store.digest() == replay.store.digest())
        #expect(try live.store.record("administrative-licences/穗许〔2025〕000001号") == nil)
        #expect(try replay.store.record("administrative-penalties/\(penalty)")?.row["fine_amount"] == .number("800"))
        #expect(try replay.store.steps(objection: "o1").count == 2)
        let missing = try CreditFixture()
        try missing.feed(Array(events.dropLast()))
        try missing.feed(steps)
        #expect(try missing.store.digest() != live.store.digest())
        let totals = try live.store.totals()
        #expect(totals.records[.penalty] == 1 && totals.records[.supervision] == 1 && totals.records[.qualification] == nil)
        #expect(totals.objections[.rejected] == 1)
    }
}
