import ShuniuKafka
import ShuniuSubscriber
import Testing

@Suite struct DeliveryCheckTests {
    @Test func aRecordWithTheRouterHeadersIsADelivery() throws {
        let delivery = try DeliveryCheck.check(Deliveries.message(offset: 3, subject: "440111195908125807", sequence: 2)).get()
        #expect(delivery.grant == "g-1")
        #expect(delivery.basis == "社会救助暂行办法")
        #expect(delivery.source == "src.marriage/0/7")
        #expect(delivery.position == "sub.civil-affairs/0/3")
        #expect(delivery.event.sequence == 2)
        #expect(delivery.row?["name"] == .string("林彤静"))
    }

    @Test(arguments: [("grant", "missing-grant"), ("basis", "missing-basis"), ("source", "missing-source")])
    func aRecordWithoutARouterHeaderIsRefused(left: String, code: String) {
        let message = Deliveries.message(offset: 9, subject: "440111195908125807", sequence: 1,
                                         grant: left == "grant" ? nil : "g-1", basis: left == "basis" ? nil : "b",
                                         source: left == "source" ? nil : "src.marriage/0/1")
        guard case .failure(let refusal) = DeliveryCheck.check(message) else {
            Issue.record("a record without shuniu_\(left) was accepted")
            return
        }
        #expect(refusal.code == code)
        #expect(refusal.position == "sub.civil-affairs/0/9")
        #expect(refusal.message.contains("shuniu_\(left)"))
    }

    @Test func aRecordThatIsNoChangeEventIsRefused() {
        let message = ConsumerMessage(topic: "sub.civil-affairs", partition: 1, offset: 4, key: Array("k".utf8),
                                      value: Array("{}".utf8), headers: [KafkaHeader(name: "shuniu_grant", string: "g-1")])
        guard case .failure(let refusal) = DeliveryCheck.check(message) else {
            Issue.record("a bare record was accepted")
            return
        }
        #expect(refusal.code == "bad-envelope")
    }

    @Test func linesCarryTheMetadataAndTheRow() throws {
        let delivery = try DeliveryCheck.check(Deliveries.message(offset: 3, subject: "440111195908125807", sequence: 2)).get()
        let json = String(decoding: DeliveryFormat.jsonl.line(delivery), as: UTF8.self)
        #expect(json == #"{"_id":"marriage/440111195908125807/2","_theme":"marriage","_action":"upserted","_subject":"440111195908125807","_sequence":2,"_time":"2025-01-02T00:00:00Z","_provider":"civil-affairs","_grant":"g-1","_basis":"社会救助暂行办法","_source":"src.marriage/0/7","_position":"sub.civil-affairs/0/3","citizen_id":"440111195908125807","name":"林彤静"}"# + "\n")
        let csv = String(decoding: DeliveryFormat.csv.line(delivery), as: UTF8.self)
        #expect(csv == #"marriage/440111195908125807/2,marriage,upserted,440111195908125807,2,2025-01-02T00:00:00Z,civil-affairs,g-1,社会救助暂行办法,src.marriage/0/7,sub.civil-affairs/0/3,"{""citizen_id"":""440111195908125807"",""name"":""林彤静""}""# + "\n")
    }
}
