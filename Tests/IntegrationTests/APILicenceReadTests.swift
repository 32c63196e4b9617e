import Foundation
import HTTPTypes
import HummingbirdTesting
import ShuniuAPI
import ShuniuAudit
import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams
import Testing

/// `GET /v1/licences` on a real loopback server and broker: a person's personal licences only
/// with the holder's one-time consent code (bound to the department and the holder, unexpired,
/// single use even across a restart of the ledger), an enterprise's public licences without
/// one, a department without a grant on `e-licences` refused; every answer and refusal on
/// `audit.access`, and the consented read in who-received with the consent's id.
@Suite(.serialized) struct APILicenceReadTests {
    static let hub = ControlSigner.hub(APIFixture.secret)
    static let hubKey = SigningKey.hub(APIFixture.secret).verifyingKey
    static let person = APIFixture.panyuPerson
    static let enterprise = APIFixture.enterprise.value

    /// Registers the two issuers' keys, issues a disability certificate to the person and a
    /// business licence to the enterprise, and grants housing-construction the e-licences theme.
    static func prepare(_ fixture: APIFixture) async throws -> (certificate: Licence, business: Licence, grant: String) {
        let federation = SigningKey.generate(), market = SigningKey.generate()
        let identities = try IdentityLog(client: fixture.broker.client, hub: SigningKey.hub(APIFixture.secret).verifyingKey)
        try await identities.append([
            IdentityEvent(kind: .registered, party: "disabled-persons-federation", key: federation.verifyingKey.id,
                          publicKey: federation.verifyingKey.base64, at: "2026-01-01T00:00:00Z").signed(by: hub),
            IdentityEvent(kind: .registered, party: "market-regulation", key: market.verifyingKey.id,
                          publicKey: market.verifyingKey.base64, at: "2026-01-01T00:00:01Z").signed(by: hub),
        ])
        await identities.close()
        let catalogue = APIFixture.catalogue
        let issued = CalendarDate(year: 2026, month: 3, day: 1)!
        func licence(_ typeID: String, issuer: String, key: SigningKey, holder: String, kind: LicenceType.Holder, name: String,
                     fields: [String: String]) throws -> Licence {
            let type = try #require(catalogue.licenceType(typeID))
            return Licence(number: Licence.number(type: type, issuer: issuer, holder: holder, issued: issued, nonce: Array(holder.utf8)),
                           licenceType: type.id, issuer: .init(id: issuer, key: key.verifyingKey.id), validFrom: issued.description,
                           validUntil: type.validUntil(issued: issued)?.description,
                           subject: .init(id: holder, kind: kind, name: name, fields: fields))
                .signed(by: ControlSigner(key: key))
        }
        let certificate = try licence("disability-certificate", issuer: "disabled-persons-federation", key: federation, holder: person,
                                      kind: .person, name: "陈一", fields: ["disability_category": "speech", "disability_grade": "4"])
        let business = try licence("business-licence", issuer: "market-regulation", key: market, holder: enterprise, kind: .legalEntity,
                                   name: "广州示例科技有限公司",
                                   fields: ["entity_type": "有限责任公司", "legal_representative": "王五", "business_scope": "软件开发"])
        let log = try LicenceLog(client: fixture.broker.client, hub: SigningKey.hub(APIFixture.secret).verifyingKey, catalogue: catalogue)
        try await log.append([
            LicenceEvent(kind: .issued, number: certificate.number, by: "disabled-persons-federation", licence: certificate,
                         at: "2026-03-01T08:00:00Z").signed(by: ControlSigner(key: federation)),
            LicenceEvent(kind: .issued, number: business.number, by: "market-regulation", licence: business,
                         at: "2026-03-01T08:00:01Z").signed(by: ControlSigner(key: market)),
        ])
        await log.close()
        let grants = try GrantLog(client: fixture.broker.client, catalogue: catalogue, secret: APIFixture.secret)
        let workflow = GrantWorkflow(catalogue: catalogue)
        let id = "g-00000000000000e1"
        try await grants.catchUp()
        try await grants.append(try workflow.apply(GrantApplication(subscriber: "housing-construction", theme: LicenceRow.theme,
                                                                    function: "housing-security", basis: "《广州市公共租赁住房保障办法》第九条",
                                                                    fields: ["licence_type", "status"]),
                                                   id: id, at: "2026-02-01T00:00:00Z", table: await grants.table), secret: APIFixture.secret)
        try await grants.catchUp()
        try await grants.append([try workflow.decide(id, approve: true, by: "data-administration", reason: nil, at: "2026-02-01T00:00:01Z",
                                                    table: await grants.table)], secret: APIFixture.secret)
        await grants.close()
        try await fixture.service.runtime.licences?.catchUp()
        try await fixture.service.runtime.grants.catchUp()
        return (certificate, business, id)
    }

    static func consent(holder: String = person, to department: String = "housing-construction", now: Date = Date(),
                        minutes: Int = 10) -> String {
        ConsentCode(holder: holder, department: department, matter: "公租房申请 2026-117", now: now, lifetime: .seconds(minutes * 60))
            .signed(by: hub).text
    }

    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    @Test func personalLicencesOnlyWithASingleUseConsentPublicOnesWithout() async throws {
        let fixture = try await APIFixture()
        let (certificate, business, grant) = try await Self.prepare(fixture)
        let housing = fixture.keys["housing-construction"]
        let good = Self.consent()
        let goodID = try ConsentCode.check(good, hub: Self.hubKey, department: "housing-construction",
                                           holder: Self.person, now: Date()).get().id
        let answers = try await fixture.live { client in
            func text(_ uri: String, as key: String?, consent: String? = nil) async throws -> (Int, String) {
                var headers: HTTPFields = [:]
                if let consent { headers[HTTPField.Name("Shuniu-Consent")!] = consent }
                let response = try await client.get(uri, as: key, headers: headers)
                return (Int(response.status.code), response.text)
            }
            func read(_ uri: String, as key: String?, consent: String? = nil) async throws -> (Int, [String: Any]) {
                let (status, body) = try await text(uri, as: key, consent: consent)
                return (status, Self.object(body))
            }
            func code(_ object: [String: Any]) -> String? { (object["error"] as? [String: Any])?["code"] as? String }
            var seen: [String: (Int, String?)] = [:]
            let personURI = "/v1/licences?holder=\(Self.person)"
            var answer = try await read(personURI, as: housing)
            seen["no consent"] = (answer.0, code(answer.1))
            answer = try await read(personURI, as: fixture.keys["tax"], consent: Self.consent(to: "tax"))
            seen["no grant"] = (answer.0, code(answer.1))
            answer = try await read(personURI, as: housing, consent: Self.consent(to: "tax"))
            seen["other department"] = (answer.0, code(answer.1))
            answer = try await read(personURI, as: housing, consent: Self.consent(holder: APIFixture.tianhePerson))
            seen["other holder"] = (answer.0, code(answer.1))
            answer = try await read(personURI, as: housing, consent: Self.consent(now: Date().addingTimeInterval(-7_200), minutes: 60))
            seen["expired"] = (answer.0, code(answer.1))
            var forged = good
            forged.removeLast(3)
            answer = try await read(personURI, as: housing, consent: forged + "AAA")
            seen["forged"] = (answer.0, code(answer.1))
            let consented = try await text(personURI, as: housing, consent: good)
            answer = try await read(personURI, as: housing, consent: good)
            seen["used twice"] = (answer.0, code(answer.1))
            let publicOnly = try await text("/v1/licences?holder=\(Self.person)&type=medical-practitioner-licence", as: housing)
            let enterprise = try await text("/v1/licences?holder=\(Self.enterprise)", as: housing)
            answer = try await read("/v1/licences?holder=123", as: housing)
            seen["bad holder"] = (answer.0, code(answer.1))
            answer = try await read("/v1/licences?holder=\(Self.person)&type=business-licence", as: housing)
            seen["type of the other kind"] = (answer.0, code(answer.1))
            answer = try await read(personURI, as: nil)
            seen["no key"] = (answer.0, code(answer.1))
            return (seen, consented, publicOnly, enterprise)
        }
        let seen = answers.0
        let consented = (answers.1.0, Self.object(answers.1.1)), publicOnly = (answers.2.0, Self.object(answers.2.1))
        let enterprise = (answers.3.0, Self.object(answers.3.1))
        #expect(seen["no consent"]! == (403, "consent-required"))
        #expect(seen["no grant"]! == (403, "forbidden"))
        #expect(seen["other department"]! == (403, "consent-other-department"))
        #expect(seen["other holder"]! == (403, "consent-other-holder"))
        #expect(seen["expired"]! == (403, "consent-expired"))
        #expect(seen["forged"]! == (403, "consent-invalid"))
        #expect(seen["used twice"]! == (403, "consent-used"))
        #expect(seen["bad holder"]! == (400, "bad-identifier"))
        #expect(seen["type of the other kind"]!.0 == 400)
        #expect(seen["no key"]!.0 == 401)

        // The consented read returns the licence as signed: it verifies and equals the issued one.
        #expect(consented.0 == 200)
        #expect(consented.1["consent"] as? String == goodID)
        let items = try #require(consented.1["licences"] as? [[String: Any]])
        #expect(items.count == 1)
        #expect(items.first?["status"] as? String == "valid")
        let returned = try JSONSerialization.data(withJSONObject: try #require(items.first?["licence"]))
        #expect(try JSONDecoder().decode(Licence.self, from: returned) == certificate)
        // A public type alone needs no consent (none held); an enterprise's public licences neither.
        #expect(publicOnly.0 == 200 && (publicOnly.1["licences"] as? [Any])?.isEmpty == true)
        #expect(enterprise.0 == 200)
        let enterpriseItems = try #require(enterprise.1["licences"] as? [[String: Any]])
        #expect(enterpriseItems.count == 1 && enterpriseItems.first?["status"] as? String == "valid")
        #expect((enterpriseItems.first?["licence"] as? [String: Any])?["licenceNumber"] as? String == business.number)

        // audit.access: every refusal with its reason, the consented read with the consent's id.
        let messages = try await Broker.readAll(Topics.access, client: fixture.broker.client)
        let records = try messages.map { try Row.parse(bytes: $0.value) }
        func reasons(_ department: String) -> [String] {
            records.filter { $0["department"]?.stringValue == department && $0["decision"]?.stringValue == "denied" }
                .compactMap { $0["reason"]?.stringValue }
        }
        #expect(reasons("housing-construction").sorted() == ["consent-expired", "consent-invalid", "consent-other-department",
                                                             "consent-other-holder", "consent-required", "consent-used"])
        #expect(reasons("tax") == ["no-grant"])
        let read = try #require(records.first { $0["decision"]?.stringValue == "read" && $0["subject"]?.stringValue == Self.person })
        #expect(read["consent"]?.stringValue == goodID)
        #expect(read["grant"]?.stringValue == grant)
        #expect(read["theme"]?.stringValue == LicenceRow.theme)
        #expect(read["purpose"]?.stringValue == "公租房申请 2026-117", "the consent's matter stands in for X-Purpose")
        #expect(read["sha256"]?.stringValue == SHA256Digest.hex(SHA256Digest.hash(certificate.encoded())))
        #expect(records.filter { $0["decision"]?.stringValue == "read" }.allSatisfy { $0["consent"] == nil || $0["subject"]?.stringValue == Self.person })
        var verifier = AuditVerifier(key: AuditKey(secret: APIFixture.secret))
        for message in messages { verifier.check(message.value, position: "\(message.partition)/\(message.offset)") }
        #expect(verifier.breaks.isEmpty)

        // who-received lists the consented read with the consent's id.
        var ledger = ReceiptLedger(subject: try SubjectID(validating: Self.person))
        for message in messages { ledger.add(message.value, topic: Topics.access, partition: message.partition, offset: message.offset) }
        let receipt = try #require(ledger.receipts.first { $0.outcome == "read" })
        #expect(receipt.department == "housing-construction" && receipt.via.contains("with consent \(goodID)"), "\(receipt.via)")

        // Single use survives a restart: a new ledger on the same file refuses the used code.
        let path = fixture.service.runtime.config.consentsPath
        let reopened = try ConsentLedger(path: path)
        let code = try ConsentCode.check(good, hub: Self.hubKey, department: "housing-construction", holder: Self.person,
                                         now: Date()).get()
        #expect(try reopened.use(code, now: "2026-12-04T00:00:00.000Z") == false)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
