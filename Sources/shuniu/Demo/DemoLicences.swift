import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ShuniuAudit
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel
import ShuniuStreams

/// The demo's e-licences (docs/licences.md): the disabled persons' federation issues a
/// disability certificate to the sample person and market regulation a business licence to
/// an enterprise, each signed with its own identity key; the API verifies one, refuses a
/// tampered copy, and civil affairs reads the person's licences with the holder's one-time
/// consent code, which who-received then shows.
struct DemoLicences {
    /// The departments that issue the demo's licences (they need identity keys).
    static let issuers = ["disabled-persons-federation", "market-regulation"]

    let client: KafkaClientConfig
    let catalogue: Catalogue
    let base: String
    let secret: HubSecret
    /// The identity keys of the parties (the issuers among them).
    let keys: [String: SigningKey]
    /// civil affairs' API key.
    let apiKey: String?

    func run(person: String?, library: SQLiteLibraryStore) async throws {
        Console.say("")
        Console.say("10. e-licences (电子证照), each signed with its issuer's identity key, registered on \(Topics.licences):")
        guard let person, let federation = keys["disabled-persons-federation"], let market = keys["market-regulation"],
              let certificateType = catalogue.licenceType("disability-certificate"),
              let businessType = catalogue.licenceType("business-licence") else {
            Console.say("   (skipped: no sample person or no licence types in this catalogue)")
            return
        }
        let today = CalendarDate(iso: GrantSession.now().prefix(10)) ?? .latest
        let name = try library.record(.person, subject: person)?.slice("household-registration")?.row["name"]?.stringValue ?? "持证人"
        let certificate = LicenceCommand.sign(type: certificateType, issuer: "disabled-persons-federation", key: federation, holder: person,
                                              name: name, fields: ["disability_category": "physical", "disability_grade": "3"], issued: today)
        var issued: [(Licence, LicenceType, SigningKey)] = [(certificate, certificateType, federation)]
        var entity: (code: String, name: String)?
        try library.scan(.entity, theme: "enterprise-registration") { code, slice in
            if entity == nil, (try? CreditCode(validating: code)) != nil { entity = (code, slice.row["name"]?.stringValue ?? code) }
        }
        if let entity {
            issued.append((LicenceCommand.sign(type: businessType, issuer: "market-regulation", key: market, holder: entity.code,
                                               name: entity.name, fields: ["entity_type": "有限责任公司", "legal_representative": "王五"],
                                               issued: today), businessType, market))
        }
        let log = try LicenceLog(client: client, hub: SigningKey.hub(secret).verifyingKey, catalogue: catalogue)
        try await log.catchUp()
        for (licence, type, key) in issued {
            try await LicenceCommand.register(LicenceEvent(kind: .issued, number: licence.number, by: licence.issuer.id, licence: licence,
                                                           at: GrantSession.now()).signed(by: ControlSigner(key: key)), in: log)
            try await LicenceCommand.publish(licence, type: type, status: "valid", sequence: 1, catalogue: catalogue, client: client)
            Console.say("   issued \(licence.number): \(type.title.zh) for \(licence.credentialSubject.id) by \(licence.issuer.id), valid to \(licence.validUntil ?? "revocation"); its row is on \(Topics.source(LicenceRow.theme))")
        }
        await log.close()

        // The API follows the register every second.
        let json = String(decoding: certificate.encoded(), as: UTF8.self)
        var verdict = ""
        for _ in 0..<40 where !verdict.contains("\"status\":\"valid\"") {
            try await Task.sleep(for: .milliseconds(250))
            verdict = await request("POST", "/v1/licences/verify", body: json).1
        }
        Console.say("   POST /v1/licences/verify (no key), the certificate: \(Self.status(verdict))")
        let compact = LicenceText.encode(certificate) ?? ""
        Console.say("   the same in its compact form (\(compact.utf8.count) characters, fits a QR code): \(Self.status(await request("POST", "/v1/licences/verify", body: compact).1))")
        var tampered = certificate
        tampered.credentialSubject.fields["disability_grade"] = "1"
        Console.say("   a copy with disability_grade changed to 1: \(Self.status(await request("POST", "/v1/licences/verify", body: String(decoding: tampered.encoded(), as: UTF8.self)).1))")

        guard let apiKey else { return }
        let path = "/v1/licences?holder=\(person)"
        let (refusedStatus, refused) = await request("GET", path, key: apiKey)
        Console.say("   civil-affairs reads \(person)'s licences without consent: \(refusedStatus) \(Self.code(refused))")
        let consent = ConsentCode(holder: person, department: "civil-affairs", matter: "残疾人两项补贴申请", now: Date(), lifetime: .seconds(600))
            .signed(by: .hub(secret))
        let (readStatus, read) = await request("GET", path, key: apiKey, consent: consent.text)
        let count = read.components(separatedBy: "\"licenceNumber\"").count - 1
        Console.say("   with the holder's consent \(consent.id) (shuniu licence consent, 10 minutes, single use): \(readStatus), \(count) licence(s), \(Self.status(read))")
        let (againStatus, again) = await request("GET", path, key: apiKey, consent: consent.text)
        Console.say("   the same consent code again: \(againStatus) \(Self.code(again))")
        if let entity {
            let (status, body) = await request("GET", "/v1/licences?holder=\(entity.code)", key: apiKey)
            Console.say("   \(entity.code)'s business licence is public, no consent needed: \(status), \(body.components(separatedBy: "\"licenceNumber\"").count - 1) licence(s)")
        }
        if let via = try await receipt(person: person, consent: consent.id) {
            Console.say("   shuniu audit who-received \(person): read by civil-affairs via \(via)")
        }
    }

    /// The who-received line of the consented read, once `audit.access` holds it.
    private func receipt(person: String, consent: String) async throws -> String? {
        let subject = try SubjectID(validating: person)
        for _ in 0..<20 {
            var ledger = ReceiptLedger(subject: subject)
            for message in try await TopicReader(client: client).read(Topics.access, timeout: .seconds(10)) {
                ledger.add(message.value, topic: Topics.access, partition: message.partition, offset: message.offset)
            }
            if let found = ledger.receipts.first(where: { $0.via.contains(consent) && $0.outcome == "read" }) { return found.via }
            try await Task.sleep(for: .milliseconds(500))
        }
        return nil
    }

    private static func status(_ body: String) -> String {
        guard let range = body.range(of: "\"status\":\"") else { return body.prefix(200).description }
        let value = body[range.upperBound...].prefix { $0 != "\"" }
        guard let reason = body.range(of: "\"reason\":\"") else { return String(value) }
        return "\(value) (\(body[reason.upperBound...].prefix { $0 != "\"" }.prefix(140)))"
    }

    private static func code(_ body: String) -> String {
        guard let range = body.range(of: "\"code\":\"") else { return body.prefix(200).description }
        return String(body[range.upperBound...].prefix { $0 != "\"" })
    }

    private func request(_ method: String, _ path: String, key: String? = nil, consent: String? = nil, body: String? = nil) async -> (Int, String) {
        guard let url = URL(string: base + path) else { return (0, "bad URL") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        if let consent { request.setValue(consent, forHTTPHeaderField: "Shuniu-Consent") }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        } catch {
            return (0, "\(error)")
        }
    }
}
