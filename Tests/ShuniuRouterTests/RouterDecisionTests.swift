import ShuniuModel
import Testing
@testable import ShuniuRouter

@Suite struct RouterDecisionTests {
    let router = Router(catalogue: Fixtures.catalogue, secret: Fixtures.secret)

    func grid(scope: [String: [String]] = ["district": ["panyu"]], masks: [String: String] = ["citizen_id": "partial"],
              until: String? = nil) -> GrantApplication {
        GrantApplication(subscriber: "panyu-grid-centre", theme: "household-registration", function: "grid-management",
                         basis: "网格化服务管理办法", fields: ["name", "district", "address"], masks: masks, scope: scope, until: until)
    }

    /// The same fields for a city-wide body (a district body's grants are always scoped to its district).
    func unscoped(masks: [String: String] = ["citizen_id": "partial"], until: String? = nil) -> GrantApplication {
        GrantApplication(subscriber: "civil-affairs", theme: "household-registration", function: "social-assistance",
                         basis: "社会救助暂行办法", fields: ["name", "district", "address"], masks: masks, until: until)
    }

    func route(_ record: (key: [UInt8], headers: [EnvelopeHeader], value: [UInt8]), _ table: GrantTable,
               scope: inout ScopeMemory, source: SourcePosition = Fixtures.source()) -> RoutingResult {
        router.decide(key: record.key, headers: record.headers, value: record.value, source: source, grants: table, scope: &scope)
    }

    @Test func deliversOnlyGrantedFieldsMasked() throws {
        let table = try Fixtures.table([("g-1", grid())])
        var scope = ScopeMemory()
        let id = Fixtures.person(1)
        let result = route(Fixtures.record(subject: id, row: Fixtures.householdRow(id, district: "panyu")), table, scope: &scope)
        let decision = try #require(result.decisions.first)
        #expect(result.decisions.count == 1)
        #expect(decision.outcome == .delivered)
        #expect(decision.fields == ["citizen_id", "name", "address", "district"])
        let delivered = try Row.parse(bytes: decision.value)
        #expect(delivered.names == ["citizen_id", "name", "address", "district"])
        #expect(delivered["citizen_id"]?.stringValue == String(id.prefix(6)) + "********" + String(id.suffix(4)))
        #expect(delivered["sex"] == nil && delivered["birth_date"] == nil && delivered["household_id"] == nil)
        #expect(decision.grantID == "g-1" && decision.subscriber == "panyu-grid-centre" && decision.basis == "网格化服务管理办法")
    }

    @Test func pseudonymIsKeyedAndStable() throws {
        let table = try Fixtures.table([("g-1", unscoped(masks: ["citizen_id": "pseudonym", "name": "drop"]))])
        let id = Fixtures.person(2)
        let record = Fixtures.record(subject: id, row: Fixtures.householdRow(id, district: "liwan"))
        var scope = ScopeMemory()
        let first = try Row.parse(bytes: route(record, table, scope: &scope).decisions[0].value)
        let again = try Row.parse(bytes: route(record, table, scope: &scope).decisions[0].value)
        let otherKey = Router(catalogue: Fixtures.catalogue, secret: .ephemeral())
        let other = try Row.parse(bytes: otherKey.decide(key: record.key, headers: record.headers, value: record.value,
                                                         source: Fixtures.source(), grants: table, scope: &scope).decisions[0].value)
        let pseudonym = try #require(first["citizen_id"]?.stringValue)
        #expect(pseudonym.count == 64 && pseudonym != id)
        #expect(again["citizen_id"]?.stringValue == pseudonym)
        #expect(other["citizen_id"]?.stringValue != pseudonym)
        #expect(first["name"] == nil, "a dropped field is not delivered")
    }

    @Test func rowsOutsideScopeAreNotDeliveredAndLeavingScopeDeletes() throws {
        let table = try Fixtures.table([("g-1", grid())])
        var scope = ScopeMemory()
        let id = Fixtures.person(3)
        let outside = route(Fixtures.record(subject: id, row: Fixtures.householdRow(id, district: "tianhe")), table, scope: &scope)
        #expect(outside.decisions.map(\.outcome) == [.outOfScope])
        #expect(outside.decisions[0].value.isEmpty)
        let inside = route(Fixtures.record(subject: id, row: Fixtures.householdRow(id, district: "panyu"), sequence: 2), table, scope: &scope)
        #expect(inside.decisions.map(\.outcome) == [.delivered])
        let moved = route(Fixtures.record(subject: id, row: Fixtures.householdRow(id, district: "tianhe"), sequence: 3), table, scope: &scope)
        #expect(moved.decisions.map(\.outcome) == [.delivered])
        #expect(moved.decisions[0].action == .deleted && moved.decisions[0].reason == "left-scope" && moved.decisions[0].value.isEmpty)
        let deleted = route(Fixtures.record(subject: id, row: nil, sequence: 4), table, scope: &scope)
        #expect(deleted.decisions.map(\.outcome) == [.outOfScope], "the subscriber no longer holds the subject")
    }

    @Test func deletesReachUnscopedGrantsAndScopedHolders() throws {
        let table = try Fixtures.table([("g-1", grid()), ("g-2", unscoped())])
        var scope = ScopeMemory()
        let id = Fixtures.person(4)
        _ = route(Fixtures.record(subject: id, row: Fixtures.householdRow(id, district: "panyu")), table, scope: &scope)
        let deleted = route(Fixtures.record(subject: id, row: nil, sequence: 2), table, scope: &scope)
        #expect(deleted.decisions.map(\.outcome) == [.delivered, .delivered])
        #expect(deleted.decisions.allSatisfy { $0.action == .deleted && $0.value.isEmpty })
    }

    @Test(arguments: [
        ("tax", "not-authoritative"),
        ("no-such-department", "unknown-source"),
    ])
    func wrongProvidersAreRejected(source: String, code: String) throws {
        let table = try Fixtures.table([("g-1", unscoped())])
        var scope = ScopeMemory()
        let id = Fixtures.person(5)
        let result = route(Fixtures.record(source: source, subject: id, row: Fixtures.householdRow(id, district: "panyu")), table, scope: &scope)
        #expect(result.event == nil)
        #expect(result.decisions.map(\.outcome) == [.rejected])
        #expect(result.decisions[0].reason == code)
        #expect(result.decisions[0].subscriber == nil)
    }

    @Test func malformedValueAndWrongTopicAreRejected() throws {
        let table = try Fixtures.table([("g-1", unscoped())])
        var scope = ScopeMemory()
        let id = Fixtures.person(6)
        var record = Fixtures.record(subject: id, row: Fixtures.householdRow(id, district: "panyu"))
        record.value = Array(#"{"citizen_id": "#.utf8)
        #expect(route(record, table, scope: &scope).decisions.first?.reason == "invalid-json")
        let marriage = Fixtures.record(theme: "marriage", source: "civil-affairs", subject: id,
                                       row: ["citizen_id": .string(id), "name": "张伟", "status": "married", "registered_on": "2020-01-01"])
        let wrong = route(marriage, table, scope: &scope)
        #expect(wrong.decisions.first?.reason == "wrong-topic")
    }

    @Test func expiredAndRevokedGrantsDeliverNothing() throws {
        var table = try Fixtures.table([("g-old", unscoped(until: "2024-12-31")), ("g-live", unscoped())])
        let id = Fixtures.person(7)
        var scope = ScopeMemory()
        let record = Fixtures.record(subject: id, row: Fixtures.householdRow(id, district: "panyu"), time: "2025-01-01T00:00:00Z")
        #expect(route(record, table, scope: &scope).decisions.map(\.grantID) == ["g-live"])
        let revoke = try GrantWorkflow(catalogue: Fixtures.catalogue).revoke("g-live", by: "public-security", reason: "no longer needed",
                                                                            at: "2025-02-01T00:00:00Z", table: table)
        #expect(table.apply(revoke, catalogue: Fixtures.catalogue) == nil)
        #expect(route(record, table, scope: &scope).decisions.isEmpty)
    }
}
