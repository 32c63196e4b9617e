import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams
import Testing

/// The signed workflow on a real broker with the router running: forged, unsigned, copied and
/// revoked-key steps on `ctl.grants` are refused (and listed), nothing is delivered under
/// them; the provider's own signed approval opens the grant.
@Suite(.serialized) struct SignedWorkflowBrokerTests {
    let catalogue = RoutingScenario.catalogue
    let hub = ControlSigner.hub(RouterHarness.secret)

    func registration(_ party: String, _ key: SigningKey) -> IdentityEvent {
        IdentityEvent(kind: .registered, party: party, key: key.verifyingKey.id, publicKey: key.verifyingKey.base64,
                      at: "2025-01-01T00:00:00Z")
    }

    func publish(_ events: [ChangeEvent], client: KafkaClientConfig) async throws {
        let producer = try KafkaProducer(config: ProducerConfig(client: client))
        let reports = try await producer.send(events.map { ProducerRecord(event: $0) })
        #expect(reports.firstError == nil)
        await producer.close()
    }

    /// The `ce_id`s delivered under `grant` to `subscriber`.
    func delivered(_ grant: String, to subscriber: String, client: KafkaClientConfig) async throws -> Set<String> {
        var ids: Set<String> = []
        for message in try await Broker.readAll(Topics.subscriber(subscriber), client: client) {
            let headers = Dictionary(message.headers.map { ($0.name, $0.stringValue) }, uniquingKeysWith: { first, _ in first })
            if headers["shuniu_grant"] == grant, let id = headers["ce_id"] { ids.insert(id) }
        }
        return ids
    }

    /// A fresh service's view of `ctl.grants`.
    func table(_ client: KafkaClientConfig) async throws -> GrantTable {
        let log = try GrantLog(client: client, catalogue: catalogue, secret: RouterHarness.secret)
        try await log.catchUp()
        let table = await log.table
        await log.close()
        return table
    }

    @Test func forgedUnsignedCopiedAndRevokedKeyStepsDeliverNothingTheProvidersSignatureDoes() async throws {
        let broker = try TestBroker()
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        let found = catalogue.theme("bank-deposits-icbc-guangzhou")
        let theme = try #require(found)
        var scenario = RoutingScenario(seed: 31, subjects: 30)
        let candidate = scenario.application(theme, excluding: [])
        let application = try #require(candidate)
        let subscriberKey = SigningKey.generate(), providerKey = SigningKey.generate(), stranger = SigningKey.generate()

        let identities = try IdentityLog(client: broker.client, hub: SigningKey.hub(RouterHarness.secret).verifyingKey)
        try await identities.append([registration(application.subscriber, subscriberKey).signed(by: hub),
                                     registration(theme.provider, providerKey).signed(by: hub),
                                     // Not signed by the hub: registers nothing.
                                     registration(theme.provider, stranger).signed(by: ControlSigner(key: stranger))])

        let log = try GrantLog(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret)
        try await log.catchUp()
        let workflow = GrantWorkflow(catalogue: catalogue)
        let id = "g-00000000000051a1"
        let applied = try workflow.apply(application, id: id, at: "2025-01-01T00:00:00Z", table: await log.table)
        #expect(applied.map(\.kind) == [.applied])
        try await log.append(applied, signedBy: ControlSigner(key: subscriberKey))
        try await log.catchUp()
        let approval = try workflow.decide(id, approve: true, by: theme.provider, reason: nil, at: "2025-01-02T00:00:00Z",
                                           table: await log.table)
        var altered = approval.signed(by: ControlSigner(key: providerKey))
        altered.at = "2025-01-03T00:00:00Z"
        try await log.append(signed: [approval,                                                    // unsigned
                                      approval.signed(by: ControlSigner(key: subscriberKey)),       // the applicant's key
                                      approval.signed(by: ControlSigner(key: stranger)),            // never registered
                                      approval.signed(by: .hub(.ephemeral(), via: "api-key:x")),   // another hub
                                      approval.signed(by: hub),                                    // the hub, not saying for whom
                                      altered])                                                    // changed after signing

        let router = RouterHarness(broker: broker)
        let before = (0..<40).map { _ in scenario.event(theme, deletes: false) }
        try await publish(before, client: broker.client)
        try await router.waitUntilRouted(themes: [theme])
        #expect(try await delivered(id, to: application.subscriber, client: broker.client).isEmpty)
        let refused = try await table(broker.client)
        #expect(refused.grant(id)?.state == .applied)
        #expect(refused.refused.map(\.refusal.code.rawValue) == ["unsigned", "wrong-signer", "unknown-key", "unknown-key", "hub-without-via", "bad-signature"])

        // The provider's own signature approves; a byte-for-byte copy of it is refused.
        let real = approval.signed(by: ControlSigner(key: providerKey))
        try await log.append(signed: [real, real])
        var model = ReferenceModel(keys: RouterHarness.keys)
        let after = (0..<40).map { _ in scenario.event(theme, deletes: false) }
        for event in after { model.route(event, grants: [(id, application)], theme: theme) }
        try await publish(after, client: broker.client)
        try await router.waitUntilRouted(themes: [theme])
        let got = try await delivered(id, to: application.subscriber, client: broker.client)
        let want = Set((model.expected[application.subscriber] ?? []).map(\.eventID))
        #expect(!want.isEmpty && got == want)
        let approved = try await table(broker.client)
        #expect(approved.grant(id)?.state == .approved)
        #expect(approved.refused.last?.refusal.code.rawValue == "replayed-signature")

        // The provider's key is revoked from the current end of ctl.grants: a revocation it
        // signs afterwards is refused and the grant stays in force; its earlier approval stands.
        let end = try await ControlTopic(topic: Topics.grants, client: broker.client).end()
        try await identities.append([IdentityEvent(kind: .revoked, party: theme.provider, key: providerKey.verifyingKey.id,
                                                   at: "2025-02-01T00:00:00Z", reason: "stolen", effective: [Topics.grants: end]).signed(by: hub)])
        let revocation = try workflow.revoke(id, by: theme.provider, reason: "forged with a stolen key", at: "2025-02-02T00:00:00Z",
                                             table: approved)
        try await log.append([revocation], signedBy: ControlSigner(key: providerKey))
        let afterRevocation = try await table(broker.client)
        #expect(afterRevocation.grant(id)?.state == .approved)
        #expect(afterRevocation.refused.last?.refusal.code.rawValue == "revoked-key")
        // The running log rebuilt nothing wrongly: it agrees with a fresh reader.
        try await log.catchUp()
        #expect(await log.table.grant(id)?.state == .approved)
        try await router.stop()
        await log.close()
        await identities.close()
    }
}
