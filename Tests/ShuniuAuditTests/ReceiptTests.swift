import ShuniuAudit
import ShuniuModel
import ShuniuRouter
import Testing

@Suite("audit who-received: deliveries and reads of one subject")
struct ReceiptTests {
    let subject = AuditFixtures.person(3)
    let spouse = AuditFixtures.person(4)

    /// An exchange record sealed in the router's format.
    func delivery(_ chain: inout AuditChain, subject: String, decision: String = "delivered", subscriber: String,
                  grant: String, event: String, offset: Int, fields: String = "status") -> [UInt8] {
        let fields: [Row.Field] = [
            .init(name: "decision", value: .string(decision)), .init(name: "event", value: .string(event)),
            .init(name: "theme", value: "marriage"), .init(name: "provider", value: "civil-affairs"),
            .init(name: "subject", value: .string(subject)), .init(name: "time", value: .string("2025-05-0\(offset % 9 + 1)T08:00:00Z")),
            .init(name: "subscriber", value: .string(subscriber)), .init(name: "grant", value: .string(grant)),
            .init(name: "basis", value: "住房保障"), .init(name: "action", value: "upserted"),
            .init(name: "fields", value: .string(fields)), .init(name: "sha256", value: "ab"),
            .init(name: "source", value: .string("src.marriage/0/\(offset)")), .init(name: "reason", value: .null),
        ]
        return chain.seal(chain: "src.marriage/0", fields: fields).record
    }

    @Test func listsExactlyTheSubjectsDeliveriesAndReads() throws {
        var chain = AuditChain(key: .test)
        var exchange: [[UInt8]] = []
        exchange.append(delivery(&chain, subject: subject, subscriber: "housing-construction", grant: "g-h", event: "e1", offset: 1))
        exchange.append(delivery(&chain, subject: subject, decision: "out-of-scope", subscriber: "panyu-grid-centre", grant: "g-p", event: "e1", offset: 1))
        // Another subject's record that names this id elsewhere (here in its event id): not listed.
        exchange.append(delivery(&chain, subject: spouse, subscriber: "housing-construction", grant: "g-h", event: "spouse of \(subject)", offset: 2))
        exchange.append(delivery(&chain, subject: subject, subscriber: "civil-affairs", grant: "g-c", event: "e3", offset: 3, fields: "status,registered_on"))
        // The same delivery routed again after a restart (a new segment): one receipt, two copies.
        var second = AuditChain(key: .test)
        second.takeOver(seen: ["src.marriage/0#0": (4, AuditChain.genesis)])
        exchange.append(delivery(&second, subject: subject, subscriber: "housing-construction", grant: "g-h", event: "e1", offset: 1))

        var access = AuditChain(key: .test)
        let read = AccessEvent(channel: "api", outcome: .read, department: "tax", subject: subject, theme: "marriage", grantID: "g-t",
                               basis: "税收征管法", purpose: "req-9", fields: ["status"], value: Array("{}".utf8), time: "2025-06-01T00:00:00Z")
        let refused = AccessEvent(channel: "api", outcome: .denied, department: "transport", subject: subject, time: "2025-06-02T00:00:00Z")
        let other = AccessEvent(channel: "api", outcome: .read, department: "tax", subject: spouse, time: "2025-06-03T00:00:00Z")
        let reads = [read, refused, other].map { access.seal(chain: "access/api-1", fields: AccessRecord.fields($0)).record }

        var ledger = ReceiptLedger(subject: try SubjectID(validating: subject))
        for (offset, record) in exchange.enumerated() { ledger.add(record, topic: Topics.audit, partition: 0, offset: Int64(offset)) }
        for (offset, record) in reads.enumerated() { ledger.add(record, topic: Topics.access, partition: 2, offset: Int64(offset)) }
        let receipts = ledger.receipts
        #expect(ledger.recordsRead == 8)
        #expect(receipts.map(\.department) == ["housing-construction", "civil-affairs", "tax", "transport"])
        #expect(receipts.map(\.kind) == [.delivery, .delivery, .read, .read])
        #expect(receipts[0].copies == 2 && receipts[0].grant == "g-h" && receipts[0].basis == "住房保障")
        #expect(receipts[0].via == "e1 @ src.marriage/0/1" && receipts[0].record == "audit.exchange 0/0")
        #expect(receipts[1].fields == ["status", "registered_on"])
        #expect(receipts[2].outcome == "read" && receipts[2].via == "api (req-9)" && receipts[2].time == "2025-06-01T00:00:00Z")
        #expect(receipts[3].outcome == "denied" && receipts[3].fields.isEmpty)
    }

    @Test func subjectsAreValidatedWithBothReadings() throws {
        #expect(try SubjectID(validating: subject).kind == .person)
        let code = CreditCode.make(authority: "9", kind: "1", region: "440101", organisationBase: "MA591234").value
        #expect(try SubjectID(validating: " \(code) ").kind == .entity)
        var bad = subject
        bad.removeLast()
        bad.append(subject.last == "1" ? "2" : "1")
        do {
            _ = try SubjectID(validating: bad)
            Issue.record("a bad check character was accepted")
        } catch {
            #expect(error.code == "bad-subject")
            #expect(error.message.contains("check character") && error.message.contains("citizen ID"))
        }
    }
}
