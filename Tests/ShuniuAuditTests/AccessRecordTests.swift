import ShuniuAudit
import ShuniuModel
import ShuniuRouter
import Testing

@Suite("audit.access records: the chain format of audit.exchange")
struct AccessRecordTests {
    private func sealed(_ count: Int) -> [[UInt8]] {
        var chain = AuditChain(key: .test)
        return (0..<count).map { index in
            let event = AccessEvent(channel: "api", outcome: index % 3 == 2 ? .notFound : .read,
                                    department: "housing-construction", subject: "44010519800101001\(index % 10)",
                                    theme: "marriage", grantID: "g-\(index)", basis: "law", purpose: "req-\(index)",
                                    fields: ["status", "spouse_citizen_id"], value: Array("{\"status\":\"married\"}".utf8),
                                    time: "2026-11-23T10:00:0\(index % 10)Z")
            return chain.seal(chain: "access/api-1", fields: AccessRecord.fields(event)).record
        }
    }

    @Test func aCleanChainVerifies() throws {
        var verifier = AuditVerifier(key: .test)
        for (index, record) in sealed(20).enumerated() { verifier.check(record, position: "0/\(index)") }
        #expect(verifier.records == 20)
        #expect(verifier.breaks.isEmpty)
        #expect(verifier.heads["access/api-1#0"]?.seq == 20)
        let first = try Row.parse(bytes: sealed(1)[0])
        #expect(first["decision"]?.stringValue == "read")
        #expect(first["sha256"]?.stringValue == SHA256Digest.hex(SHA256Digest.hash(Array("{\"status\":\"married\"}".utf8))))
    }

    @Test("a consent id and a refusal reason are recorded only when set, so older records keep their bytes; who-received shows them")
    func consentAndReasonOnlyWhenSet() throws {
        var chain = AuditChain(key: .test)
        let plain = AccessEvent(channel: "api", outcome: .read, department: "civil-affairs", subject: "440105198001010012",
                                theme: "e-licences", grantID: "g-1", purpose: "低保申请", time: "2026-12-04T10:00:00Z")
        var consented = plain
        consented.consent = "c-00112233445566ff"
        var refused = plain
        refused.outcome = .denied
        refused.reason = "consent-required"
        #expect(!AccessRecord.fields(plain).contains { $0.name == "consent" || $0.name == "reason" })
        let records = [plain, consented, refused].map { chain.seal(chain: "access/api-1", fields: AccessRecord.fields($0)).record }
        let rows = try records.map { try Row.parse(bytes: $0) }
        #expect(rows[0]["consent"] == nil && rows[0]["reason"] == nil)
        #expect(rows[1]["consent"]?.stringValue == "c-00112233445566ff")
        #expect(rows[2]["reason"]?.stringValue == "consent-required")
        var verifier = AuditVerifier(key: .test)
        for (index, record) in records.enumerated() { verifier.check(record, position: "0/\(index)") }
        #expect(verifier.breaks.isEmpty && verifier.records == 3)
        var ledger = ReceiptLedger(subject: try SubjectID(validating: "440105198001010012"))
        for (index, record) in records.enumerated() { ledger.add(record, topic: Topics.access, partition: 0, offset: Int64(index)) }
        let vias = ledger.receipts.map(\.via)
        #expect(vias.contains("api (低保申请) with consent c-00112233445566ff"))
        #expect(vias.contains("api (低保申请): consent-required"))
        #expect(vias.contains("api (低保申请)"))
    }

    @Test func aNotFoundReadRecordsNoDigest() throws {
        let third = try Row.parse(bytes: sealed(3)[2])
        #expect(third["decision"]?.stringValue == "not-found")
        #expect(third["sha256"] == .null)
    }

    @Test func tamperingAndRemovalAreFound() throws {
        var records = sealed(10)
        let text = String(decoding: records[4], as: UTF8.self).replacingOccurrences(of: "housing-construction", with: "tax")
        records[4] = Array(text.utf8)
        records.remove(at: 7)
        var verifier = AuditVerifier(key: .test)
        for (index, record) in records.enumerated() { verifier.check(record, position: "0/\(index)") }
        // The altered record (seq 5) is refused, so its successor also reports a gap.
        #expect(verifier.breaks.first.map { ($0.seq, $0.problem.contains("altered")) } ?? (0, false) == (5, true))
        #expect(verifier.breaks.last.map { ($0.seq, $0.problem.contains("8...8 missing")) } ?? (0, false) == (9, true))
    }
}
