import ShuniuModel
import Testing

@Suite struct GrantWorkflowTests {
    let workflow = GrantWorkflow(catalogue: Fixtures.catalogue)
    let at = "2025-03-03T09:00:00Z"

    var deposits: GrantApplication {
        GrantApplication(subscriber: "civil-affairs", theme: "bank-deposits-icbc-guangzhou", function: "social-assistance",
                         basis: "社会救助暂行办法 第四十八条", fields: ["name"])
    }

    func refusal(_ body: () throws -> Void) -> GrantRefusal.Code? {
        do { try body() } catch let error as GrantRefusal { return error.code } catch { return nil }
        return nil
    }

    func applied(_ application: GrantApplication, id: String = "g-1") throws -> GrantTable {
        var table = GrantTable()
        for event in try workflow.apply(application, id: id, at: at, table: table) { table.apply(event, catalogue: Fixtures.catalogue) }
        return table
    }

    @Test func notSharedThemeIsRefusedAtApplication() {
        let application = GrantApplication(subscriber: "courts", theme: "criminal-cases", function: "judicial-enforcement",
                                           basis: "x", fields: ["case_no"])
        #expect(refusal { _ = try workflow.apply(application, id: "g-1", at: at, table: GrantTable()) } == .notShared)
    }

    @Test func applicationChecksFunctionFieldsMasksScopeAndBasis() {
        var application = deposits
        application.function = "marriage-registration"
        #expect(refusal { _ = try workflow.apply(application, id: "g", at: at, table: GrantTable()) } == .functionNotEntitled)
        application = deposits
        application.function = "grid-management"
        #expect(refusal { _ = try workflow.apply(application, id: "g", at: at, table: GrantTable()) } == .functionNotHeld)
        application = deposits
        application.fields = ["name", "shoe_size"]
        #expect(refusal { _ = try workflow.apply(application, id: "g", at: at, table: GrantTable()) } == .unknownField)
        application = deposits
        application.masks = ["name": "blur"]
        #expect(refusal { _ = try workflow.apply(application, id: "g", at: at, table: GrantTable()) } == .badMask)
        application = deposits
        application.scope = ["district": ["panyu"]]
        #expect(refusal { _ = try workflow.apply(application, id: "g", at: at, table: GrantTable()) } == .badScope)
        application = deposits
        application.basis = " "
        #expect(refusal { _ = try workflow.apply(application, id: "g", at: at, table: GrantTable()) } == .basisRequired)
    }

    @Test func unconditionalThemeIsApprovedByTheComplianceCheck() throws {
        let application = GrantApplication(subscriber: "panyu-grid-centre", theme: "household-registration", function: "grid-management",
                                           basis: "b", fields: ["name"], scope: ["district": ["panyu"]])
        let events = try workflow.apply(application, id: "g-1", at: at, table: GrantTable())
        #expect(events.map(\.kind) == [.applied, .approved])
        #expect(events[1].by == GrantWorkflow.hub)
        #expect(try applied(application).grant("g-1")?.state == .approved)
    }

    @Test func conditionalThemeWaitsForItsProvider() throws {
        let table = try applied(deposits)
        #expect(table.grant("g-1")?.state == .applied)
        #expect(refusal { _ = try workflow.decide("g-1", approve: true, by: "tax", reason: nil, at: at, table: table) } == .notProvider)
        #expect(refusal { _ = try workflow.decide("g-1", approve: false, by: "icbc-guangzhou", reason: nil, at: at, table: table) } == .reasonRequired)
        var approved = table
        approved.apply(try workflow.decide("g-1", approve: true, by: "icbc-guangzhou", reason: nil, at: at, table: table), catalogue: Fixtures.catalogue)
        #expect(approved.grant("g-1")?.state == .approved)
        #expect(refusal { _ = try workflow.decide("g-1", approve: true, by: "icbc-guangzhou", reason: nil, at: at, table: approved) } == .wrongState)
    }

    @Test func onlyTheArbitrationBodyOverturnsARefusal() throws {
        var table = try applied(deposits)
        #expect(refusal { _ = try workflow.arbitrate("g-1", approve: true, reason: "r", at: at, table: table) } == .wrongState)
        table.apply(try workflow.decide("g-1", approve: false, by: "icbc-guangzhou", reason: "账户信息涉及商业秘密", at: at, table: table),
                    catalogue: Fixtures.catalogue)
        #expect(table.grant("g-1")?.state == .rejected)
        let forged = GrantEvent(kind: .arbitrated, grant: "g-1", by: "civil-affairs", at: at, reason: "we insist", decision: "approve")
        #expect(table.apply(forged, catalogue: Fixtures.catalogue)?.code == .notArbitrator)
        #expect(table.grant("g-1")?.state == .rejected)
        table.apply(try workflow.arbitrate("g-1", approve: true, reason: "依职能需要，社会救助法定职责", at: at, table: table), catalogue: Fixtures.catalogue)
        #expect(table.grant("g-1")?.state == .approved)
        #expect(table.grant("g-1")?.history.map(\.kind) == [.applied, .rejected, .arbitrated])
    }

    @Test func onlyProviderOrSubscriberRevokesWithAReason() throws {
        var table = try applied(deposits)
        table.apply(try workflow.decide("g-1", approve: true, by: "icbc-guangzhou", reason: nil, at: at, table: table), catalogue: Fixtures.catalogue)
        #expect(refusal { _ = try workflow.revoke("g-1", by: "tax", reason: "r", at: at, table: table) } == .notParty)
        #expect(refusal { _ = try workflow.revoke("g-1", by: "civil-affairs", reason: "", at: at, table: table) } == .reasonRequired)
        var bySubscriber = table
        bySubscriber.apply(try workflow.revoke("g-1", by: "civil-affairs", reason: "case closed", at: at, table: table), catalogue: Fixtures.catalogue)
        #expect(bySubscriber.grant("g-1")?.state == .revoked)
        table.apply(try workflow.revoke("g-1", by: "icbc-guangzhou", reason: "misuse", at: at, table: table), catalogue: Fixtures.catalogue)
        #expect(table.grant("g-1")?.state == .revoked)
        #expect(table.inForce(theme: "bank-deposits-icbc-guangzhou", on: nil).isEmpty)
    }

    @Test func applicationsUnansweredAfterFiveWorkingDaysAreOverdue() throws {
        let table = try applied(deposits)  // applied Monday 2025-03-03
        #expect(workflow.overdue(table, today: CalendarDate(iso: "2025-03-10")!).isEmpty, "5 working days: not yet overdue")
        #expect(workflow.overdue(table, today: CalendarDate(iso: "2025-03-11")!).map(\.id) == ["g-1"])
        #expect(GrantWorkflow.workingDays(from: CalendarDate(iso: "2025-03-07")!, to: CalendarDate(iso: "2025-03-10")!) == 1, "a weekend does not count")
        var answered = table
        answered.apply(try workflow.decide("g-1", approve: true, by: "icbc-guangzhou", reason: nil, at: at, table: table), catalogue: Fixtures.catalogue)
        #expect(workflow.overdue(answered, today: CalendarDate(iso: "2025-04-30")!).isEmpty)
    }

    @Test func eventsRoundTripThroughTheLogFormat() throws {
        let events = try workflow.apply(deposits, id: "g-1", at: at, table: GrantTable())
        for event in events { #expect(try GrantEvent.decode(event.encoded()) == event) }
        #expect(throws: GrantRefusal.self) { try GrantEvent.decode(Array("{}".utf8)) }
    }
}
