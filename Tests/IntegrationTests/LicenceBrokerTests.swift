import Foundation
import ShuniuKafka
import ShuniuModel
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
}
