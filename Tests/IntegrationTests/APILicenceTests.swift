import Foundation
import HummingbirdTesting
import ShuniuAPI
import ShuniuKafka
import ShuniuModel
import ShuniuStreams
import Testing

/// `POST /v1/licences/verify` on a real loopback server and broker: a registered licence is
/// valid in both forms, a changed one tampered, one of an unregistered key unknown-key,
/// garbage malformed, and a revocation on `ctl.licences` shows once the follower caught up.
@Suite(.serialized) struct APILicenceTests {
    @Test func verifyAnswersEachVerdictWithoutAKey() async throws {
        let fixture = try await APIFixture()
        let hub = ControlSigner.hub(APIFixture.secret)
        let federation = SigningKey.generate()
        let identities = try IdentityLog(client: fixture.broker.client, hub: SigningKey.hub(APIFixture.secret).verifyingKey)
        try await identities.append([IdentityEvent(kind: .registered, party: "disabled-persons-federation", key: federation.verifyingKey.id,
                                                   publicKey: federation.verifyingKey.base64, at: "2026-01-01T00:00:00Z").signed(by: hub)])
        await identities.close()
        let type = try #require(APIFixture.catalogue.licenceType("disability-certificate"))
        let issued = CalendarDate(year: 2026, month: 3, day: 1)!
        func licence(_ key: SigningKey) -> Licence {
            Licence(number: Licence.number(type: type, issuer: "disabled-persons-federation", holder: APIFixture.panyuPerson, issued: issued,
                                           nonce: Array(key.verifyingKey.id.utf8)),
                    licenceType: type.id, issuer: .init(id: "disabled-persons-federation", key: key.verifyingKey.id),
                    validFrom: issued.description, validUntil: type.validUntil(issued: issued)?.description,
                    subject: .init(id: APIFixture.panyuPerson, kind: .person, name: "陈一",
                                   fields: ["disability_category": "speech", "disability_grade": "4"]))
                .signed(by: ControlSigner(key: key))
        }
        let genuine = licence(federation), stranger = licence(SigningKey.generate())
        let log = try LicenceLog(client: fixture.broker.client, hub: SigningKey.hub(APIFixture.secret).verifyingKey, catalogue: APIFixture.catalogue)
        try await log.append([LicenceEvent(kind: .issued, number: genuine.number, by: "disabled-persons-federation", licence: genuine,
                                           at: "2026-03-01T08:00:00Z").signed(by: ControlSigner(key: federation))])
        let follower = try #require(fixture.service.runtime.licences)
        try await follower.catchUp()
        var changed = genuine
        changed.credentialSubject.fields["disability_grade"] = "1"
        let tampered = changed
        let compact = try #require(LicenceText.encode(genuine))
        try await fixture.live { client in
            func status(_ body: String) async throws -> String? {
                let response = try await client.post("/v1/licences/verify", as: nil, json: body)
                #expect(response.status == .ok, "\(response.text)")
                let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                #expect(object?["holder"] == nil && !(response.text.contains(APIFixture.panyuPerson)), "the verdict carries no holder")
                return object?["status"] as? String
            }
            #expect(try await status(String(decoding: genuine.encoded(), as: UTF8.self)) == "valid")
            #expect(try await status(compact) == "valid")
            #expect(try await status(String(decoding: tampered.encoded(), as: UTF8.self)) == "tampered")
            #expect(try await status(String(decoding: stranger.encoded(), as: UTF8.self)) == "unknown-key")
            #expect(try await status("{\"not\": \"a licence\"}") == "malformed")
            let tooLarge = try await client.post("/v1/licences/verify", as: nil, json: String(repeating: "x", count: Licence.maximumSize + 10))
            #expect(tooLarge.status != .ok && tooLarge.status.code < 500)
            try await log.append([LicenceEvent(kind: .revoked, number: genuine.number, by: "disabled-persons-federation", reason: .withdrawn,
                                               at: "2026-06-01T00:00:00Z").signed(by: ControlSigner(key: federation))])
            // The follower's own loop (every second while the server runs) picks the revocation up.
            var answer = ""
            let deadline = ContinuousClock.now + .seconds(60)
            while !answer.contains("\"status\":\"revoked\"") && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
                answer = try await client.post("/v1/licences/verify", as: nil, json: compact).text
            }
            #expect(answer.contains("\"status\":\"revoked\""), "\(answer)")
        }
        await log.close()
    }
}
