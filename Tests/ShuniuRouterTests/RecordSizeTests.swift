import ShuniuKafka
import ShuniuModel
import Testing
@testable import ShuniuRouter

/// Records too large to write as they are: refused as `too-large`, dead-lettered as a stub,
/// never a producer error that stops routing (docs/bounds.md).
@Suite struct RecordSizeTests {
    func unscoped(masks: [String: String] = [:]) -> GrantApplication {
        GrantApplication(subscriber: "civil-affairs", theme: "household-registration", function: "social-assistance",
                         basis: "社会救助暂行办法", fields: ["name", "district", "address"], masks: masks)
    }

    func message(_ record: (key: [UInt8], headers: [EnvelopeHeader], value: [UInt8]), offset: Int64 = 7) -> ConsumerMessage {
        ConsumerMessage(topic: "src.household-registration", partition: 0, offset: offset, key: record.key, value: record.value,
                        headers: record.headers.map { KafkaHeader(name: $0.name, value: $0.value) }, timestamp: 0)
    }

    @Test func aSourceRecordOverTheLimitIsRefusedUnparsedAndStubbed() throws {
        let table = try Fixtures.table([("g-1", unscoped())])
        let id = Fixtures.person(3)
        var row = Fixtures.householdRow(id, district: "liwan")
        row["address"] = .string(String(repeating: "路", count: 400_000))  // 1.2 MB of UTF-8
        let record = Fixtures.record(subject: id, row: row)
        let router = Router(catalogue: Fixtures.catalogue, secret: Fixtures.secret)
        var scope = ScopeMemory()
        let result = router.decide(key: record.key, headers: record.headers, value: record.value,
                                   source: Fixtures.source(offset: 7), grants: table, scope: &scope)
        let decision = try #require(result.decisions.first)
        #expect(result.decisions.count == 1 && result.event == nil)
        #expect(decision.outcome == .rejected && decision.reason == "too-large")
        #expect(decision.eventID == "household-registration/\(id)/1" && decision.subject == id)
        let letter = try #require(RouterOutput.record(for: decision, message: message(record), limit: router.maximumRecordBytes))
        #expect(letter.topic == "dlq.household-registration")
        #expect(letter.value == nil && letter.key == Array(id.utf8))
        #expect(RecordSize.bytes(of: letter) < 8_192)
        let headers = Dictionary(letter.headers.map { ($0.name, String(decoding: $0.value, as: UTF8.self)) }, uniquingKeysWith: { a, _ in a })
        #expect(headers["shuniu_reason"] == "too-large")
        #expect(headers["shuniu_source"] == "src.household-registration/0/7")
        #expect(headers["shuniu_original_bytes"].flatMap { Int($0) } ?? 0 > 1_200_000)
        #expect(headers["ce_id"] == "household-registration/\(id)/1")
    }

    @Test func aHugeHeaderIsRefusedAndItsStubDropsIt() throws {
        let id = Fixtures.person(4)
        var record = Fixtures.record(subject: id, row: Fixtures.householdRow(id, district: "liwan"))
        record.headers.append(EnvelopeHeader(name: "x-padding", value: Array(repeating: 0x41, count: 1 << 20)))
        let router = Router(catalogue: Fixtures.catalogue, secret: Fixtures.secret)
        var scope = ScopeMemory()
        let decision = try #require(router.decide(key: record.key, headers: record.headers, value: record.value,
                                                  source: Fixtures.source(), grants: try Fixtures.table([("g-1", unscoped())]),
                                                  scope: &scope).decisions.first)
        #expect(decision.reason == "too-large")
        let letter = try #require(RouterOutput.record(for: decision, message: message(record)))
        #expect(!letter.headers.contains { $0.name == "x-padding" })
        #expect(RecordSize.bytes(of: letter) < 8_192)
    }

    /// A rejection's texts come from the record's own headers: they are clipped, so its audit
    /// record and dead-letter headers stay small whatever the record holds.
    @Test func rejectionTextsAreClipped() throws {
        let id = Fixtures.person(5)
        var row = Fixtures.householdRow(id, district: "liwan")
        row[String(repeating: "é", count: 200_000)] = .number("1")  // named in the unknown-field message
        let record = Fixtures.record(subject: id, row: row)
        let router = Router(catalogue: Fixtures.catalogue, secret: Fixtures.secret)
        var scope = ScopeMemory()
        let decision = try #require(router.decide(key: record.key, headers: record.headers, value: record.value,
                                                  source: Fixtures.source(), grants: GrantTable(), scope: &scope).decisions.first)
        #expect(decision.outcome == .rejected && decision.reason == "unknown-field")
        #expect(decision.eventID == "household-registration/\(id)/1")
        #expect((decision.message?.utf8.count ?? 0) <= Router.maximumRejectionMessage + 3)
    }

    @Test func aDeliveryOverTheLimitBecomesATooLargeRejectionForItsGrant() throws {
        let table = try Fixtures.table([("g-1", unscoped())])
        let id = Fixtures.person(6)
        let record = Fixtures.record(subject: id, row: Fixtures.householdRow(id, district: "liwan"))
        let router = Router(catalogue: Fixtures.catalogue, secret: Fixtures.secret)
        var scope = ScopeMemory()
        let delivered = try #require(router.decide(key: record.key, headers: record.headers, value: record.value,
                                                   source: Fixtures.source(), grants: table, scope: &scope).decisions.first)
        #expect(delivered.outcome == .delivered)
        let tight = Router(catalogue: Fixtures.catalogue, secret: Fixtures.secret, maximumRecordBytes: 200)
        let refused = tight.bounded(delivered)
        #expect(refused.outcome == .rejected && refused.reason == "too-large")
        #expect(refused.subscriber == "civil-affairs" && refused.grantID == "g-1")
        #expect(refused.value.isEmpty && refused.valueDigest == nil && refused.envelopeDigest == nil)
        #expect(router.bounded(delivered) == delivered)
        var counters = RouterCounters()
        counters.count(RoutingResult(event: try ChangeEventCodec.decode(key: record.key, headers: record.headers, value: record.value),
                                     decisions: [refused]))
        #expect(counters.rejected["too-large"] == 1)
    }

    @Test func anEmptyKeyStaysEmptyInTheDeadLetter() throws {
        let id = Fixtures.person(7)
        var record = Fixtures.record(subject: id, row: Fixtures.householdRow(id, district: "liwan"))
        record.key = []
        let router = Router(catalogue: Fixtures.catalogue, secret: Fixtures.secret)
        var scope = ScopeMemory()
        let decision = try #require(router.decide(key: record.key, headers: record.headers, value: record.value,
                                                  source: Fixtures.source(), grants: GrantTable(), scope: &scope).decisions.first)
        #expect(decision.reason == "missing-key")
        let letter = try #require(RouterOutput.record(for: decision, message: message(record)))
        #expect(letter.key == [])
    }

    @Test func aRecordRefusedByTheProducerIsReplacedByAStub() throws {
        let refused = ProducerRecord(topic: "sub.civil-affairs", key: Array("k".utf8), value: Array(repeating: 1, count: 10),
                                     headers: [KafkaHeader(name: "shuniu_grant", string: "g-1")])
        let error = KafkaError(code: .messageSizeTooLarge, message: "too large")
        #expect(error.refusesRecord)
        #expect(!KafkaError(code: .transport, message: "down").refusesRecord)
        let stub = try #require(RouterOutput.replacement(for: refused, theme: "household-registration",
                                                         source: Fixtures.source(offset: 3), error: error))
        #expect(stub.topic == "dlq.household-registration" && stub.value == nil)
        let names = stub.headers.map(\.name)
        #expect(names.contains("shuniu_reason") && names.contains("shuniu_source") && names.contains("shuniu_original_bytes"))
        #expect(RouterOutput.replacement(for: ProducerRecord(topic: "audit.exchange", value: []), theme: "t",
                                         source: Fixtures.source(), error: error) == nil)
    }

    @Test func theEstimateIsNeverBelowLibrdkafkas() {
        // librdkafka: 31 bytes of framing at most, plus key, value and per header its name,
        // value and two varints (5 bytes each at most) and a header-count varint.
        let estimate = RecordSize.bytes(key: 10, value: 100, headers: [(name: 4, value: 6), (name: 10, value: 20)])
        #expect(estimate >= 31 + 10 + 100 + (4 + 6 + 10) + (10 + 20 + 10) + 5)
    }
}
