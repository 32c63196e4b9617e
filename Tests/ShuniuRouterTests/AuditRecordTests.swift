import ShuniuModel
import Testing
@testable import ShuniuRouter

/// Format 2 of `audit.exchange`: one record per source record with a numbered entry per decision.
@Suite struct AuditRecordTests {
    /// Three grants on household registration: one delivered in full, one scoped to Panyu
    /// (out of scope for a Tianhe row), one delivered masked.
    func decide(district: String) throws -> [RoutingDecision] {
        let router = Router(catalogue: Fixtures.catalogue, secret: Fixtures.secret)
        func application(_ subscriber: String, function: String, scope: [String: [String]] = [:],
                         masks: [String: String] = [:]) -> GrantApplication {
            GrantApplication(subscriber: subscriber, theme: "household-registration", function: function, basis: "basis of \(subscriber)",
                             fields: ["citizen_id", "name", "district"], masks: masks, scope: scope)
        }
        let table = try Fixtures.table([
            ("g-civil", application("civil-affairs", function: "social-assistance")),
            ("g-grid", application("panyu-grid-centre", function: "grid-management", scope: ["district": ["panyu"]])),
            ("g-funeral", application("civil-affairs", function: "funeral-management", masks: ["name": "partial"])),
        ])
        let id = Fixtures.person(1)
        let record = Fixtures.record(subject: id, row: Fixtures.householdRow(id, district: district))
        var scope = ScopeMemory()
        return router.decide(key: record.key, headers: record.headers, value: record.value, source: Fixtures.source(offset: 7),
                             grants: table, scope: &scope).decisions
    }

    @Test("one record states every decision; expanded, each reads as the decision the router made")
    func oneRecordPerSourceRecord() throws {
        let decisions = try decide(district: "tianhe")
        #expect(decisions.map(\.outcome) == [.delivered, .outOfScope, .delivered])
        var chain = AuditChain(key: .test)
        let maybeSealed = chain.seal(decisions)
        let sealed = try #require(maybeSealed)
        let opened = try SealedAuditRecord.open(sealed.record, key: .test).get()
        #expect(opened.row["decisions"]?.numberText == "3")
        #expect(opened.row["source"]?.stringValue == "src.household-registration/0/7")
        #expect(opened.row["1.decision"]?.stringValue == "delivered")
        #expect(opened.row["2.reason"]?.stringValue == "out-of-scope")
        #expect(opened.row["2.sha256"] == nil, "an out-of-scope decision carries no digest members")
        let stated = AuditRecord.decisions(of: opened.row)
        #expect(stated.count == 3)
        for (decision, row) in zip(decisions, stated) {
            #expect(row["decision"]?.stringValue == decision.outcome.rawValue)
            #expect(row["subscriber"]?.stringValue == decision.subscriber)
            #expect(row["grant"]?.stringValue == decision.grantID)
            #expect(row["basis"]?.stringValue == decision.basis)
            #expect(row["sha256"]?.stringValue == decision.valueDigest)
            #expect(row["envelope"]?.stringValue == decision.envelopeDigest)
            #expect(row["delivery"]?.stringValue == (decision.outcome == .delivered ? decision.deliveryID : nil))
            #expect(row["fields"]?.stringValue == (decision.fields.isEmpty ? nil : decision.fields.joined(separator: ",")))
            #expect(row["subject"]?.stringValue == decision.subject)
            #expect(row["event"]?.stringValue == decision.eventID)
            #expect(row["chain"]?.stringValue == "src.household-registration/0#0")
            #expect(row["seq"]?.numberText == "1")
        }
        #expect(chain.heads["src.household-registration/0#0"]?.seq == 1, "three decisions, one link of the chain")
    }

    @Test("a scoped grant's held change is stated for its own decision only")
    func heldIsPerDecision() throws {
        let decisions = try decide(district: "panyu")
        var chain = AuditChain(key: .test)
        let maybeSealed = chain.seal(decisions)
        let row = try SealedAuditRecord.open(try #require(maybeSealed).record, key: .test).get().row
        let stated = AuditRecord.decisions(of: row)
        #expect(stated.map { $0["held"]?.boolValue } == [nil, true, nil])
        #expect(stated[1]["grant"]?.stringValue == "g-grid")
    }

    @Test("a format-1 record (one decision, unnumbered) is its own single decision")
    func formatOneStillReads() {
        let row: Row = ["chain": "src.x/0#0", "seq": .number("1"), "decision": "delivered", "subscriber": "tax", "subject": "s"]
        #expect(AuditRecord.decisions(of: row) == [row])
    }

    @Test("counts and numbers that do not add up state no decision (never a crash, never an allocation by the count)")
    func malformedCountsStateNothing() {
        let base: [Row.Field] = [.init(name: "subject", value: .string("s")), .init(name: "1.decision", value: .string("delivered"))]
        func row(_ count: String, _ extra: [Row.Field] = []) -> Row {
            Row(base + [.init(name: "decisions", value: .number(count))] + extra)
        }
        #expect(AuditRecord.decisions(of: row("1")).count == 1)
        for count in ["0", "-1", "9999999999999999999", "1e3", "4"] {
            #expect(AuditRecord.decisions(of: row(count)).isEmpty, "decisions \(count)")
        }
        #expect(AuditRecord.decisions(of: row("1", [.init(name: "2.grant", value: .string("g"))])).isEmpty, "an entry past the count")
        #expect(AuditRecord.decisions(of: row("2", [.init(name: "2.grant", value: .string("g"))])).isEmpty, "an entry without its outcome")
        #expect(AuditRecord.decisions(of: Row(base)).isEmpty, "no count")
        #expect(AuditRecord.decisions(of: ["subject": "s"]).isEmpty)
    }

    @Test("decision numbers past the prepared names are written and read the same way")
    func manyDecisions() throws {
        let one = try decide(district: "tianhe")[0]
        let many = (0..<40).map { n -> RoutingDecision in
            var decision = one
            decision.grantID = "g-\(n)"
            return decision
        }
        var chain = AuditChain(key: .test)
        let maybeSealed = chain.seal(many)
        let row = try SealedAuditRecord.open(try #require(maybeSealed).record, key: .test).get().row
        #expect(AuditRecord.decisions(of: row).map { $0["grant"]?.stringValue } == (0..<40).map { "g-\($0)" })
        let none = chain.seal([RoutingDecision]())
        #expect(none == nil)
    }
}
