import ShuniuModel
import Testing
@testable import ShuniuRouter

@Suite struct AuditChainTests {
    /// Audit records of a routed run over two source partitions.
    func records() throws -> [[UInt8]] {
        let router = Router(catalogue: Fixtures.catalogue, secret: Fixtures.secret)
        let table = try Fixtures.table([("g-1", GrantApplication(subscriber: "panyu-grid-centre", theme: "household-registration",
                                                                   function: "grid-management", basis: "b", fields: ["name"],
                                                                   scope: ["district": ["panyu"]]))])
        var chain = AuditChain(key: .test)
        var scope = ScopeMemory()
        var out: [[UInt8]] = []
        for n in 0..<20 {
            let id = Fixtures.person(n)
            let record = Fixtures.record(subject: id, row: Fixtures.householdRow(id, district: n % 3 == 0 ? "tianhe" : "panyu"))
            let source = SourcePosition(topic: "src.household-registration", partition: Int32(n % 2), offset: Int64(n / 2))
            for decision in router.decide(key: record.key, headers: record.headers, value: record.value, source: source,
                                          grants: table, scope: &scope).decisions {
                out.append(chain.seal(decision).record)
            }
        }
        return out
    }

    func verify(_ records: [[UInt8]]) -> AuditVerifier {
        var verifier = AuditVerifier(key: .test)
        for (offset, record) in records.enumerated() { verifier.check(record, position: "0/\(offset)") }
        return verifier
    }

    @Test func cleanRunVerifies() throws {
        let verifier = verify(try records())
        #expect(verifier.isIntact)
        #expect(verifier.records == 20)
        #expect(verifier.heads.count == 2)
        #expect(verifier.heads["src.household-registration/0#0"]?.seq == 10)
    }

    @Test func alteredRecordIsDetectedAndLocated() throws {
        var records = try records()
        let text = String(decoding: records[7], as: UTF8.self).replacingOccurrences(of: "panyu-grid-centre", with: "tianhe-grid-centre")
        records[7] = Array(text.utf8)
        let verifier = verify(records)
        #expect(verifier.breaks.first?.position == "0/7")
        #expect(verifier.breaks.first?.problem.contains("altered") == true)
    }

    @Test func removedRecordIsDetectedAndLocated() throws {
        var records = try records()
        records.remove(at: 6)
        let verifier = verify(records)
        #expect(verifier.breaks.count == 1)
        #expect(verifier.breaks.first?.position == "0/7", "the next record of the same chain (records alternate between two chains)")
        #expect(verifier.breaks.first?.problem.contains("missing") == true)
    }

    @Test func reorderedRecordsAreDetected() throws {
        var records = try records()
        records.swapAt(4, 6)  // two records of the same chain (partition 0)
        let verifier = verify(records)
        #expect(verifier.breaks.first?.position == "0/4")
    }

    /// A new owner opens segment #1 after what it saw of #0; records of the dead owner that
    /// land after the takeover stay in #0 and do not break anything.
    @Test func takeoverOpensALinkedSegmentAndLateRecordsStayIntact() throws {
        let router = Router(catalogue: Fixtures.catalogue, secret: Fixtures.secret)
        let table = try Fixtures.table([("g-1", GrantApplication(subscriber: "civil-affairs", theme: "household-registration",
                                                                   function: "social-assistance", basis: "b", fields: ["name"]))])
        var scope = ScopeMemory()
        func decision(_ n: Int) -> RoutingDecision {
            let id = Fixtures.person(n)
            let record = Fixtures.record(subject: id, row: Fixtures.householdRow(id, district: "panyu"))
            return router.decide(key: record.key, headers: record.headers, value: record.value,
                                 source: SourcePosition(topic: "src.household-registration", partition: 0, offset: Int64(n)),
                                 grants: table, scope: &scope).decisions[0]
        }
        var dead = AuditChain(key: .test)
        var records = (0..<5).map { dead.seal(decision($0)).record }
        let lateFromDeadOwner = dead.seal(decision(5)).record
        var heir = AuditChain(key: .test)
        heir.takeOver(seen: ["src.household-registration/0#0": (5, String(decoding: try Row.parse(bytes: records[4])["hash"]!.stringValue!.utf8, as: UTF8.self))])
        let continued = (6..<9).map { heir.seal(decision($0)) }
        #expect(continued.allSatisfy { $0.segment == "src.household-registration/0#1" })
        records += [continued[0].record, lateFromDeadOwner, continued[1].record, continued[2].record]
        let verifier = verify(records)
        #expect(verifier.isIntact, "\(verifier.breaks) \(verifier.linkBreaks)")
        #expect(verifier.heads["src.household-registration/0#0"]?.seq == 6)
        #expect(try Row.parse(bytes: continued[0].record)["continues"]?.stringValue == "#0@5")

        var truncated = records
        truncated.remove(at: 6)  // the late record: still fine, #1 vouches for 5 records only
        truncated.remove(at: 4)  // the 5th record of #0, which #1 vouches for
        #expect(verify(truncated).linkBreaks.map(\.chain) == ["src.household-registration/0#1"])
        let withoutFirstSegment = Array(records[5...]).filter { (try? Row.parse(bytes: $0)["chain"]?.stringValue) == "src.household-registration/0#1" }
        #expect(verify(withoutFirstSegment).linkBreaks.first?.problem.contains("segment missing") == true)
    }

    @Test func exactRepeatIsADuplicateNotABreak() throws {
        var records = try records()
        records.insert(records[5], at: 6)
        let verifier = verify(records)
        #expect(verifier.isIntact)
        #expect(verifier.duplicates == 1)
    }
}
