import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams
import Testing

/// The router on a real broker of each test's own.
@Suite(.serialized) struct RouterTests {
    let catalogue = RoutingScenario.catalogue

    /// Publishes events to their source topics and waits for the broker.
    func publish(_ events: [ChangeEvent], client: KafkaClientConfig) async throws {
        let producer = try KafkaProducer(config: ProducerConfig(client: client))
        let reports = try await producer.send(events.map { ProducerRecord(event: $0) })
        #expect(reports.firstError == nil)
        await producer.close()
    }

    /// Records grants on ctl.grants through the workflow (conditional ones approved by their provider).
    func grant(_ applications: [(id: String, application: GrantApplication)], log: GrantLog) async throws {
        let workflow = GrantWorkflow(catalogue: catalogue)
        for (id, application) in applications {
            try await log.catchUp()
            var events = try workflow.apply(application, id: id, at: "2025-01-01T00:00:00Z", table: await log.table)
            if events.count == 1 {
                var table = await log.table
                table.apply(events[0], catalogue: catalogue)
                events.append(try workflow.decide(id, approve: true, by: catalogue.theme(application.theme)!.provider,
                                                  reason: nil, at: "2025-01-01T00:00:00Z", table: table))
            }
            try await log.append(events)
        }
        try await log.catchUp()
    }

    /// What each subscriber received: (ce_id, grant, ce_type, fields), duplicates removed.
    func received(by subscribers: Set<String>, client: KafkaClientConfig) async throws -> (deliveries: [String: Set<ReferenceModel.Delivery>], duplicates: Int) {
        var result: [String: Set<ReferenceModel.Delivery>] = [:]
        var duplicates = 0
        for subscriber in subscribers {
            for message in try await Broker.readAll(Topics.subscriber(subscriber), client: client) {
                let headers = Dictionary(message.headers.map { ($0.name, $0.stringValue) }, uniquingKeysWith: { first, _ in first })
                #expect(headers["shuniu_source"] != nil && headers["shuniu_basis"] != nil)
                var fields: [String: JSONScalar] = [:]
                if !message.value.isEmpty { for field in try Row.parse(bytes: message.value).fields { fields[field.name] = field.value } }
                let delivery = ReferenceModel.Delivery(eventID: headers["ce_id"] ?? "", grant: headers["shuniu_grant"] ?? "",
                                                       type: headers["ce_type"] ?? "", fields: fields)
                if result[subscriber, default: []].insert(delivery).inserted == false { duplicates += 1 }
            }
        }
        return (result, duplicates)
    }

    /// A broker of its own with the topics applied and one grant: marriage status to housing.
    func marriageToHousing() async throws -> (TestBroker, Theme) {
        let broker = try TestBroker()
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        let log = try GrantLog(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret)
        try await grant([("g-m", GrantApplication(subscriber: "housing-construction", theme: "marriage", function: "housing-security",
                                                  basis: "住房保障", fields: ["status"]))], log: log)
        await log.close()
        return (broker, catalogue.theme("marriage")!)
    }

    @Test func subscriberTopicsEqualTheReferenceModelAndRevocationStopsDelivery() async throws {
        let broker = try TestBroker()
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        var scenario = RoutingScenario(seed: 7, subjects: 60)
        let themes = ["household-registration", "marriage", "disability", "bank-deposits-icbc-guangzhou"].map { catalogue.theme($0)! }
        var grants: [(id: String, application: GrantApplication)] = []
        for theme in themes {
            var used: Set<String> = []
            for index in 0..<3 {
                guard let application = scenario.application(theme, excluding: used) else { continue }
                used.insert(application.subscriber)
                grants.append(("g-\(theme.id)-\(index)", application))
            }
        }
        let log = try GrantLog(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret)
        try await grant(grants, log: log)
        #expect(grants.count >= 8)

        let router = RouterHarness(broker: broker)
        var model = ReferenceModel(keys: PseudonymKeys(secret: RouterHarness.secret, departments: []))
        let firstPhase = (0..<3_000).map { _ in scenario.event(themes[scenario.random.int(0..<themes.count)]) }
        try await publish(firstPhase, client: broker.client)
        for event in firstPhase { model.route(event, grants: grants, theme: catalogue.theme(event.theme)!) }
        try await router.waitUntilRouted(themes: themes)

        // Revoke one grant; nothing published after the revocation is acknowledged may reach it.
        let revoked = grants[0]
        let revocation = try GrantWorkflow(catalogue: catalogue).revoke(
            revoked.id, by: revoked.application.subscriber, reason: "no longer needed", at: "2025-06-01T00:00:00Z", table: await log.table)
        try await log.append([revocation])
        let remaining = Array(grants.dropFirst())
        let secondPhase = (0..<2_000).map { _ in scenario.event(themes[scenario.random.int(0..<themes.count)]) }
        try await publish(secondPhase, client: broker.client)
        for event in secondPhase { model.route(event, grants: remaining, theme: catalogue.theme(event.theme)!) }
        try await router.waitUntilRouted(themes: themes)
        try await router.stop()
        await log.close()

        let subscribers = Set(grants.map(\.application.subscriber))
        let actual = try await received(by: subscribers, client: broker.client)
        for subscriber in subscribers {
            let got = actual.deliveries[subscriber] ?? []
            let want = model.expected[subscriber] ?? []
            #expect(got.subtracting(want).isEmpty, "\(subscriber) received \(got.subtracting(want).count) record(s) the model does not allow")
            #expect(want.subtracting(got).isEmpty, "\(subscriber) is missing \(want.subtracting(got).count) record(s)")
        }
        let afterRevocation = Set(secondPhase.flatMap { event in
            [false, true].map { model.deliveredID(event.id, grant: revoked.id, subscriber: revoked.application.subscriber, leftScope: $0) }
        })
        let leaked = (actual.deliveries[revoked.application.subscriber] ?? []).filter { $0.grant == revoked.id && afterRevocation.contains($0.eventID) }
        #expect(leaked.isEmpty, "not one event published after the revocation is delivered under it")
        #expect(model.expected.values.map(\.count).reduce(0, +) > 1_000)
    }

    @Test func rejectedEventsGoToTheDeadLetterTopicAndTheRestFlows() async throws {
        let (broker, theme) = try await marriageToHousing()
        var scenario = RoutingScenario(seed: 3, subjects: 10)
        var events = (0..<20).map { _ in scenario.event(theme, deletes: false) }
        var forged = scenario.event(theme, deletes: false)
        forged.source = "tax"
        forged.id = "forged"
        var malformed = scenario.event(theme, deletes: false)
        malformed.value = Array("{not json".utf8)
        malformed.id = "malformed"
        var unknown = scenario.event(theme, deletes: false)
        unknown.theme = "no-such-theme"
        unknown.id = "unknown"
        events.insert(forged, at: 5)
        events.insert(malformed, at: 10)
        let producer = try KafkaProducer(config: ProducerConfig(client: broker.client))
        var records = events.map { ProducerRecord(event: $0) }
        records.insert(ProducerRecord(event: unknown, topic: Topics.source("marriage")), at: 15)
        #expect(try await producer.send(records).firstError == nil)
        await producer.close()

        let router = RouterHarness(broker: broker)
        try await router.waitUntilRouted(themes: [theme])
        try await router.stop()
        let dead = try await Broker.readAll(Topics.deadLetter("marriage"), client: broker.client)
        let reasons = Dictionary(uniqueKeysWithValues: dead.map {
            ($0.headers.value(named: "ce_id").map { String(decoding: $0, as: UTF8.self) } ?? "",
             $0.headers.value(named: "shuniu_reason").map { String(decoding: $0, as: UTF8.self) } ?? "")
        })
        #expect(reasons == ["forged": "not-authoritative", "malformed": "invalid-json", "unknown": "unknown-theme"])
        let delivered = try await Broker.readAll(Topics.subscriber("housing-construction"), client: broker.client)
        #expect(Set(delivered.compactMap { $0.headers.value(named: "ce_id").map { String(decoding: $0, as: UTF8.self) } }) == Set(events.filter { !["forged", "malformed"].contains($0.id) }.map {
            RouterHarness.deliveredID($0.id, grant: "g-m", subscriber: "housing-construction")
        }))

        var verifier = AuditVerifier(key: .test)
        for message in try await Broker.readAll(Topics.audit, client: broker.client) {
            verifier.check(message.value, position: "\(message.partition)/\(message.offset)")
        }
        #expect(verifier.isIntact)
        #expect(verifier.records == 23, "20 deliveries and 3 rejections, one audit record each")
    }

    /// `--exactly-once`: outputs and source offsets commit in one transaction. (The dev broker
    /// does not hide aborted records, so only the committed path can be shown here.)
    @Test func exactlyOnceModeCommitsOutputsAndOffsetsTogether() async throws {
        let (broker, theme) = try await marriageToHousing()
        var scenario = RoutingScenario(seed: 9, subjects: 50)
        let events = (0..<3_000).map { _ in scenario.event(theme, deletes: false) }
        try await publish(events, client: broker.client)
        let router = RouterHarness(broker: broker, exactlyOnce: true)
        try await router.waitUntilRouted(themes: [theme])
        try await router.stop()
        let delivered = try await Broker.readAll(Topics.subscriber("housing-construction"), client: broker.client)
        #expect(Set(delivered.map { String(decoding: $0.headers.value(named: "ce_id") ?? [], as: UTF8.self) }) == Set(events.map {
            RouterHarness.deliveredID($0.id, grant: "g-m", subscriber: "housing-construction")
        }))
        #expect(delivered.count == events.count, "no duplicates in a clean transactional run")
    }
}
