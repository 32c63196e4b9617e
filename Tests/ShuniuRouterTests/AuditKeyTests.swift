import Foundation
import ShuniuModel
import Testing
@testable import ShuniuRouter

/// The audit bound to the hub key, and every number read from an audit record bounded.
@Suite struct AuditKeyTests {
    /// A record with these fields, hashed and MAC'd with `key` (as the hub would, or as a
    /// writer with its own key would).
    func sealed(_ fields: [(String, JSONScalar)], key: AuditKey = .test) -> [UInt8] {
        var row = Row(distinctFields: fields.map { Row.Field(name: $0.0, value: $0.1) })
        let hash = AuditChain.hash(prev: row["prev"]?.stringValue ?? "", body: row.serialized())
        row["hash"] = .string(hash)
        row["mac"] = .string(key.mac(hash))
        return row.serialized()
    }

    func chainOf(_ count: Int, key: AuditKey = .test, chain: String = "access/api-1") -> (AuditChain, [[UInt8]]) {
        var audit = AuditChain(key: key)
        let records = (0..<count).map { n in
            audit.seal(chain: chain, fields: [.init(name: "event", value: .string("e\(n)"))]).record
        }
        return (audit, records)
    }

    func verify(_ records: [[UInt8]], checkpoints: [String: [Int64: String]] = [:]) -> AuditVerifier {
        var verifier = AuditVerifier(key: .test)
        verifier.expect(checkpoints)
        for (offset, record) in records.enumerated() { verifier.check(record, position: "0/\(offset)") }
        return verifier
    }

    @Test func aConsistentSuffixByAWriterWithoutTheKeyIsFound() throws {
        let (genuine, records) = chainOf(5)
        // The attacker continues the chain with the chain's own recipe (hash, seq, prev) but
        // cannot make the hub's MAC: it seals with a key of its own.
        var forged = records
        var last = genuine.heads["access/api-1#0"]!
        for n in 0..<3 {
            let seq = last.seq + 1
            let bytes = sealed([("chain", .string("access/api-1#0")), ("seq", .number(String(seq))), ("prev", .string(last.hash)),
                                ("event", .string("forged-\(n)")), ("continues", .null)], key: AuditKey(secret: .ephemeral()))
            forged.append(bytes)
            last = (seq, try #require(Row.parse(bytes: bytes)["hash"]?.stringValue))
        }
        let verifier = verify(forged)
        #expect(!verifier.isIntact)
        #expect(verifier.breaks.count == 3)
        #expect(verifier.breaks.allSatisfy { $0.problem.contains("not sealed with the hub's audit key") })
        #expect(verifier.heads["access/api-1#0"]?.seq == 5)
        // A rewritten record without the key is found the same way.
        var rewritten = records
        rewritten[2] = sealed([("chain", .string("access/api-1#0")), ("seq", .number("3")), ("prev", .string(AuditChain.genesis)),
                               ("event", .string("rewritten"))], key: AuditKey(secret: .ephemeral()))
        #expect(!verify(rewritten).isIntact)
        #expect(verify(records).isIntact)
    }

    @Test func hugeNegativeAndUnreadableNumbersAreReportedNotComputedWith() throws {
        let records = [
            sealed([("chain", .string("src.x/0#1")), ("seq", .number("9223372036854775807")), ("prev", .string(AuditChain.genesis))]),
            sealed([("chain", .string("src.x/0#1")), ("seq", .number("5")), ("prev", .string(AuditChain.genesis))]),
            sealed([("chain", .string("src.x/0#-1")), ("seq", .number("1")), ("prev", .string(AuditChain.genesis))]),
            sealed([("chain", .string("src.x/0#9223372036854775807")), ("seq", .number("1")), ("prev", .string(AuditChain.genesis))]),
            sealed([("chain", .string("src.x/0#99999999999999999999")), ("seq", .number("1")), ("prev", .string(AuditChain.genesis))]),
            sealed([("chain", .string("src.x/0#2")), ("seq", .number("-1")), ("prev", .string(AuditChain.genesis))]),
            sealed([("chain", .string("src.x/0#2")), ("seq", .number("99999999999999999999")), ("prev", .string(AuditChain.genesis))]),
        ]
        let verifier = verify(records)
        #expect(!verifier.isIntact)
        let problems = verifier.breaks.map(\.problem)
        #expect(problems[0].contains("outside 1..."))
        #expect(problems[2].contains("does not end in #<segment"))
        #expect(problems[3].contains("does not end in #<segment"))
        #expect(problems[4].contains("does not end in #<segment"))
        #expect(problems[5].contains("outside 1...") && problems[6].contains("outside 1..."))
        // Only the one in-range record counts; the link check stays small.
        #expect(verifier.heads.keys.sorted() == ["src.x/0#1"])
        #expect(verifier.linkBreaks.count == 2)
    }

    @Test func aTakeoverIgnoresHeadsOutOfRange() {
        var chain = AuditChain(key: .test)
        chain.takeOver(seen: ["src.x/0#9223372036854775807": (1, AuditChain.genesis),
                              "src.x/0#3": (Int64.max, AuditChain.genesis),
                              "src.x/0#-1": (1, AuditChain.genesis)])
        let record = chain.seal(chain: "src.x/0", fields: [])
        #expect(record.segment == "src.x/0#0")
        var next = AuditChain(key: .test)
        next.takeOver(seen: ["src.x/0#3": (7, AuditChain.genesis)])
        #expect(next.seal(chain: "src.x/0", fields: []).segment == "src.x/0#4")
    }

    @Test func aHeadIsOnlyTakenFromARecordTheHubSealed() throws {
        let (_, records) = chainOf(2)
        guard case .success(let record) = SealedAuditRecord.open(records[1], key: .test) else {
            Issue.record("the hub's own record does not open")
            return
        }
        #expect(record.segment == "access/api-1#0" && record.seq == 2)
        let forged = sealed([("chain", .string("access/api-1#0")), ("seq", .number("9")), ("prev", .string(AuditChain.genesis))],
                            key: AuditKey(secret: .ephemeral()))
        guard case .failure(.notSealed) = SealedAuditRecord.open(forged, key: .test) else {
            Issue.record("a forged head opened")
            return
        }
        var altered = records[1]
        altered[altered.count / 2] ^= 1
        if case .success = SealedAuditRecord.open(altered, key: .test) { Issue.record("an altered record opened") }
    }

    @Test func checkpointsFindARewriteByAKeyHolderAndATruncation() throws {
        let (audit, records) = chainOf(6)
        let head = try #require(audit.heads["access/api-1#0"])
        let fourth = try #require(Row.parse(bytes: records[3])["hash"]?.stringValue)
        let checkpoints = ["access/api-1#0": [Int64(4): fourth, head.seq: head.hash]]
        #expect(verify(records, checkpoints: checkpoints).isIntact)
        // Truncated after seq 3: the topic no longer holds what the checkpoint names.
        let truncated = verify(Array(records.prefix(3)), checkpoints: checkpoints)
        #expect(!truncated.isIntact)
        #expect(truncated.checkpointBreaks.map(\.seq) == [4, 6])
        // Rewritten from seq 4 on by someone holding the key: every record verifies, only the
        // checkpoint shows it.
        var rewritten = Array(records.prefix(3))
        let third = try Row.parse(bytes: records[2])
        var prev = try #require(third["hash"]?.stringValue)
        for (n, seq) in (4...6).enumerated() {
            let bytes = sealed([("chain", .string("access/api-1#0")), ("seq", .number(String(seq))), ("prev", .string(prev)),
                                ("event", .string("other-\(n)")), ("continues", .null)])
            rewritten.append(bytes)
            prev = try #require(Row.parse(bytes: bytes)["hash"]?.stringValue)
        }
        #expect(verify(rewritten).isIntact)
        let found = verify(rewritten, checkpoints: checkpoints)
        #expect(!found.isIntact)
        #expect(found.breaks.map(\.seq) == [4, 6])
        #expect(found.breaks.allSatisfy { $0.problem.contains("differs from the signed checkpoint") })
    }
}
