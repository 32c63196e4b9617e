import Foundation
import ShuniuAudit
import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams
import Testing

/// The licence register on a real broker: an issuer's signed licence is registered, a forged
/// one (a key the registry does not know) and a revocation by another department are refused
/// and listed, the issuer's revocation applies, and a fresh reader rebuilds the same register;
/// the licence's row on `src.e-licences` is checked as bytes on the wire.
@Suite(.serialized) struct LicenceBrokerTests {
    let catalogue = RoutingScenario.catalogue
    let hub = ControlSigner.hub(RouterHarness.secret)
    let holder = "440106199001010013"

    func licence(key: SigningKey) throws -> Licence {
        let type = try #require(catalogue.licenceType("disability-certificate"))
        let issued = CalendarDate(year: 2026, month: 3, day: 1)!
        let number = Licence.number(type: type, issuer: "disabled-persons-federation", holder: holder, issued: issued,
                                    nonce: Array(UUID().uuidString.utf8))
        return Licence(number: number, licenceType: type.id, issuer: .init(id: "disabled-persons-federation", key: key.verifyingKey.id),
                       validFrom: issued.description, validUntil: type.validUntil(issued: issued)?.description,
                       subject: .init(id: holder, kind: .person, name: "张三",
                                      fields: ["disability_category": "hearing", "disability_grade": "3"]))
            .signed(by: ControlSigner(key: key))
    }

    @Test func registerRefusesForgeriesAndAFreshReaderRebuildsIt() async throws {
        let broker = try TestBroker()
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        let federation = SigningKey.generate(), civil = SigningKey.generate(), stranger = SigningKey.generate()
        let identities = try IdentityLog(client: broker.client, hub: SigningKey.hub(RouterHarness.secret).verifyingKey)
        try await identities.append([
            IdentityEvent(kind: .registered, party: "disabled-persons-federation", key: federation.verifyingKey.id,
                          publicKey: federation.verifyingKey.base64, at: "2026-01-01T00:00:00Z").signed(by: hub),
            IdentityEvent(kind: .registered, party: "civil-affairs", key: civil.verifyingKey.id,
                          publicKey: civil.verifyingKey.base64, at: "2026-01-01T00:00:00Z").signed(by: hub),
        ])
        await identities.close()

        let genuine = try licence(key: federation), forged = try licence(key: stranger)
        let log = try LicenceLog(client: broker.client, hub: SigningKey.hub(RouterHarness.secret).verifyingKey, catalogue: catalogue)
        try await log.append([
            LicenceEvent(kind: .issued, number: genuine.number, by: "disabled-persons-federation", licence: genuine, at: "2026-03-01T08:00:00Z")
                .signed(by: ControlSigner(key: federation)),
            LicenceEvent(kind: .issued, number: forged.number, by: "disabled-persons-federation", licence: forged, at: "2026-03-01T08:00:00Z")
                .signed(by: ControlSigner(key: stranger)),
            LicenceEvent(kind: .revoked, number: genuine.number, by: "civil-affairs", reason: .withdrawn, at: "2026-04-01T00:00:00Z")
                .signed(by: ControlSigner(key: civil)),
        ])
        let refusals = try await log.catchUp()
        #expect(refusals.map(\.offset) == [1, 2])
        #expect(refusals.first?.reason.contains("unknown-key") == true)
        #expect(refusals.last?.reason.contains("only the issuer") == true)
        try await log.append([LicenceEvent(kind: .revoked, number: genuine.number, by: "disabled-persons-federation", reason: .superseded,
                                           at: "2026-05-01T00:00:00Z").signed(by: ControlSigner(key: federation))])
        #expect(try await log.catchUp().isEmpty)
        await log.close()

        let fresh = try LicenceLog(client: broker.client, hub: SigningKey.hub(RouterHarness.secret).verifyingKey, catalogue: catalogue)
        try await fresh.catchUp()
        let register = await fresh.register
        #expect(register.entries.keys.sorted() == [genuine.number])
        #expect(register.entries[genuine.number]?.revocation?.reason == .superseded)
        #expect(register.refused.count == 2)
        let list = RevocationList(registry: await fresh.registry, register: register, catalogue: catalogue, at: "2026-12-04T00:00:00Z")
        let verifier = LicenceVerifier(types: catalogue.licenceTypes, list: list)
        let today = CalendarDate(year: 2026, month: 12, day: 4)!
        #expect(verifier.verify(genuine, on: today).status == .revoked)
        #expect(verifier.verify(forged, on: today).status == .unknownKey)
        await fresh.close()

        // The licence's row, as bytes on the wire: keyed by the licence number, from the theme's provider.
        let type = try #require(catalogue.licenceType("disability-certificate"))
        let provider = try #require(catalogue.theme(LicenceRow.theme)).provider
        let event = LicenceRow.event(genuine, type: type, status: "valid", provider: provider, sequence: 1, time: "2026-03-01T08:00:00Z")
        _ = try EventValidator(catalogue: catalogue).validate(event)
        let producer = try KafkaProducer(config: ProducerConfig(client: broker.client))
        #expect(try await producer.send(ProducerRecord(event: event)).error == nil)
        await producer.close()
        let records = try await Broker.readAll(Topics.source(LicenceRow.theme), client: broker.client)
        let record = try #require(records.first)
        #expect(records.count == 1)
        #expect(record.key == Array(genuine.number.utf8))
        let headers = Dictionary(record.headers.map { ($0.name, $0.stringValue) }, uniquingKeysWith: { first, _ in first })
        #expect(headers["ce_source"] == provider)
        #expect(headers["ce_subject"] == genuine.number)
        let row = try Row.parse(bytes: record.value)
        #expect(row["content_sha256"]?.stringValue == genuine.digest)
        #expect(row["issuer"]?.stringValue == "disabled-persons-federation")
        #expect(row["holder_citizen_id"]?.stringValue == holder)
    }

    @Test("a licence's row is routed under a grant like any record: only the granted fields, the holder's ID masked, nothing in clear in key, headers or value")
    func licenceRowIsRoutedWithMasks() async throws {
        let broker = try TestBroker()
        defer { broker.stop() }
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        let grants = try GrantLog(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret)
        let application = GrantApplication(subscriber: "civil-affairs", theme: LicenceRow.theme, function: "social-assistance",
                                           basis: "《社会救助暂行办法》第九条", fields: ["licence_type", "holder_citizen_id", "status", "valid_until"],
                                           masks: ["holder_citizen_id": "partial"])
        try await RouterTests().grant([("g-licences", application)], log: grants)
        await grants.close()

        let licence = try licence(key: SigningKey.generate())
        let type = try #require(catalogue.licenceType("disability-certificate"))
        let provider = try #require(catalogue.theme(LicenceRow.theme)).provider
        let issued = LicenceRow.event(licence, type: type, status: "valid", provider: provider, sequence: 1, time: "2026-03-01T08:00:00Z")
        let expired = LicenceRow.event(licence, type: type, status: "expired", provider: provider, sequence: 3, time: "2036-03-01T00:00:00Z")
        for event in [issued, expired] { _ = try EventValidator(catalogue: catalogue).validate(event) }
        let producer = try KafkaProducer(config: ProducerConfig(client: broker.client))
        #expect(try await producer.send([ProducerRecord(event: issued), ProducerRecord(event: expired)]).firstError == nil)
        await producer.close()

        let theme = try #require(catalogue.theme(LicenceRow.theme))
        let router = RouterHarness(broker: broker)
        try await router.waitUntilRouted(themes: [theme])
        try await router.stop()

        let delivered = try await Broker.readAll(Topics.subscriber("civil-affairs"), client: broker.client)
        #expect(delivered.count == 2)
        let masked = try #require(try MaskRule(parsing: "partial").apply(to: .string(holder), key: RouterHarness.keys.key(for: "civil-affairs")))
        for message in delivered {
            // The bytes on the wire: neither the holder's ID nor name, nor the licence's other fields, anywhere.
            var wire = message.key ?? []
            for header in message.headers { wire += Array(header.name.utf8) + header.value }
            wire += message.value
            let text = String(decoding: wire, as: UTF8.self)
            #expect(!text.contains(holder), "the holder's citizen ID is in clear on the wire")
            #expect(!text.contains("张三") && !text.contains("hearing") && !text.contains(licence.digest))
            let row = try Row.parse(bytes: message.value)
            #expect(Set(row.names) == ["licence_id", "licence_type", "holder_citizen_id", "status", "valid_until"])
            #expect(row["holder_citizen_id"] == masked)
            #expect(row["licence_id"]?.stringValue == licence.number)
        }
        #expect(delivered.map { try? Row.parse(bytes: $0.value)["status"]?.stringValue } == ["valid", "expired"])
        // Each delivery is on the audit chain, under the grant.
        let verifier = try await RouterCrashTests().auditVerifier(broker)
        #expect(verifier.breaks.isEmpty)
        let records = try await Broker.readAll(Topics.audit, client: broker.client)
        let audit = records.map { String(decoding: $0.value, as: UTF8.self) }
        #expect(audit.filter { $0.contains("\"subject\":\"\(licence.number)\"") && $0.contains("g-licences") }.count == 2)
        // who-received of the holder lists both deliveries through the licence number (the
        // theme is keyed by the licence); without it, none.
        var ledger = ReceiptLedger(subject: try SubjectID(validating: holder), standingFor: [licence.number: "licence \(licence.number)"])
        var plain = ReceiptLedger(subject: try SubjectID(validating: holder))
        for record in records {
            ledger.add(record.value, topic: Topics.audit, partition: record.partition, offset: record.offset)
            plain.add(record.value, topic: Topics.audit, partition: record.partition, offset: record.offset)
        }
        #expect(ledger.receipts.count == 2 && ledger.receipts.allSatisfy { $0.department == "civil-affairs" && $0.via.hasSuffix("(licence \(licence.number))") })
        #expect(plain.receipts.isEmpty)
    }
}
