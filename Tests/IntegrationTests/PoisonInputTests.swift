import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams
import Testing

/// Poison input on a real broker: records the broker accepted but the router cannot write as
/// they are (an 8 MB value, a 1 MB header, a valid 1.5 MB row), an empty key and a crafted
/// grant, each followed by valid events on the same and another theme. The valid ones are
/// delivered, the poison ones are dead-lettered (as stubs where too large) and the router
/// never stops (docs/bounds.md).
///
/// The dev broker (Tansu 0.6.0) enforces no record size limit: it accepted single records of
/// 1, 2, 8, 16, 32, 64, 100 and 200 MiB (measured 2026-12-03, each with a producer at
/// `message.max.bytes` = size + 4 KiB; 200 MiB took 11 s). Apache Kafka refuses records over
/// `message.max.bytes` (1048588 by default), which is what `RouterConfig.maximumRecordBytes`
/// must match. The publishing producer here raises its own `message.max.bytes` to 16 MiB to
/// publish the 8 MB record at all.
@Suite(.serialized) struct PoisonInputTests {
    let catalogue = RoutingScenario.catalogue

    /// The grants: household registration to civil affairs, marriage to housing.
    static let grants: [(id: String, application: GrantApplication)] = [
        ("g-civil", GrantApplication(subscriber: "civil-affairs", theme: "household-registration", function: "social-assistance",
                                     basis: "社会救助暂行办法", fields: ["name", "district"], masks: ["citizen_id": "pseudonym"])),
        ("g-housing", GrantApplication(subscriber: "housing-construction", theme: "marriage", function: "housing-security",
                                       basis: "住房保障", fields: ["status"])),
    ]

    /// A household-registration upsert whose `address` is `size` bytes of text.
    func householdUpsert(_ scenario: inout RoutingScenario, addressBytes size: Int) -> ChangeEvent {
        let theme = catalogue.theme("household-registration")!
        var event = scenario.event(theme, deletes: false)
        var row = (try? Row.parse(bytes: event.value)) ?? Row()
        row["address"] = .string(String(repeating: "a", count: size))
        event = .upsert(id: event.id, source: event.source, theme: event.theme, subject: event.subject, time: event.time,
                        sequence: event.sequence, row: row)
        return event
    }

    @Test func poisonRecordsAreDeadLetteredAndRoutingGoesOn() async throws {
        let broker = try TestBroker()
        defer { broker.stop() }
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        let log = try GrantLog(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret)
        try await RouterTests().grant(Self.grants, log: log)
        // A crafted grant, appended past the workflow: the mask that overflowed `keepFirst +
        // keepLast`, self-approved. Replay refuses both events (bad-mask, then unknown-grant).
        let crafted = GrantApplication(subscriber: "civil-affairs", theme: "household-registration", function: "social-assistance",
                                       basis: "x", fields: ["name"], masks: ["citizen_id": "partial:9223372036854775807:1"])
        try await log.append([GrantEvent(kind: .applied, grant: "g-crafted", by: "civil-affairs", at: "2025-01-01T00:00:00Z", application: crafted),
                              GrantEvent(kind: .approved, grant: "g-crafted", by: "hub", at: "2025-01-01T00:00:00Z")])
        try await log.catchUp()
        #expect(await log.table.grant("g-crafted") == nil)
        #expect(await log.table.refused.map(\.refusal.code).contains(.badMask))
        await log.close()

        let household = catalogue.theme("household-registration")!
        let marriage = catalogue.theme("marriage")!
        var scenario = RoutingScenario(seed: 13, subjects: 20)
        var poison: [(name: String, record: ProducerRecord)] = []
        let eightMB = householdUpsert(&scenario, addressBytes: 8 << 20)
        poison.append(("8 MB value", ProducerRecord(event: eightMB, partition: 0)))
        var bigHeader = ProducerRecord(event: scenario.event(household, deletes: false), partition: 0)
        bigHeader.headers.append(KafkaHeader(name: "x-padding", value: Array(repeating: 0x42, count: 1 << 20)))
        poison.append(("1 MB header", bigHeader))
        poison.append(("1.5 MB valid row", ProducerRecord(event: householdUpsert(&scenario, addressBytes: 1_500_000), partition: 0)))
        var emptyKey = ProducerRecord(event: scenario.event(household, deletes: false), partition: 0)
        emptyKey.key = []
        poison.append(("empty key", emptyKey))

        var valid: [ChangeEvent] = []
        var records: [ProducerRecord] = []
        for (_, record) in poison {
            records.append(record)
            let same = scenario.event(household, deletes: false)
            let other = scenario.event(marriage, deletes: false)
            valid += [same, other]
            records += [ProducerRecord(event: same, partition: 0), ProducerRecord(event: other, partition: 0)]
        }
        var publishing = ProducerConfig(client: broker.client)
        publishing.client.properties["message.max.bytes"] = String(16 << 20)
        let producer = try KafkaProducer(config: publishing)
        let reports = try await producer.send(records)
        await producer.close()
        #expect(reports.firstError == nil, "the broker refused a record: \(String(describing: reports.firstError))")

        let router = RouterHarness(broker: broker)
        try await router.waitUntilRouted(themes: [household, marriage])
        // The service is still the one started (it never threw): stopping it is clean.
        try await router.stop()

        let delivered = try await RouterCrashTests().deliveries(["civil-affairs", "housing-construction"], broker: broker).ids
        for event in valid {
            let (grant, subscriber) = event.theme == household.id ? ("g-civil", "civil-affairs") : ("g-housing", "housing-construction")
            #expect(delivered[subscriber, default: []].contains(RouterHarness.deliveredID(event.id, grant: grant, subscriber: subscriber)),
                    "valid event \(event.id) not delivered")
        }
        #expect(delivered.values.map(\.count).reduce(0, +) == valid.count)

        let letters = try await Broker.readAll(Topics.deadLetter(household.id), client: broker.client)
        func header(_ message: ConsumerMessage, _ name: String) -> String? {
            message.headers.value(named: name).map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(letters.count == poison.count)
        let stubs = letters.filter { header($0, DeliveredHeader.reason) == "too-large" }
        #expect(stubs.count == 3)
        for stub in stubs {
            #expect(stub.value.isEmpty)
            #expect((header(stub, DeliveredHeader.originalBytes).flatMap { Int($0) } ?? 0) > 1_000_000)
            #expect(header(stub, DeliveredHeader.source)?.hasPrefix("src.household-registration/0/") == true)
            #expect(RecordSize.bytes(key: stub.key, headers: stub.headers.map { EnvelopeHeader(name: $0.name, value: $0.value) },
                                     value: stub.value) < 16_384)
        }
        let keyless = try #require(letters.first { header($0, DeliveredHeader.reason) == "missing-key" })
        #expect(keyless.key == [], "an empty key must come out of the DLQ empty, not null")
        #expect(keyless.value == emptyKey.value)
        let marriageLetters = try await Broker.readAll(Topics.deadLetter(marriage.id), client: broker.client)
        #expect(marriageLetters.isEmpty)
    }
}
