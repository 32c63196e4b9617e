import Foundation
import Testing
import ShuniuModel

/// E-licences (pure): the signature round trip in both forms, each refusal reason of the
/// verifier and of the register, the revocation list's hub signature, consent codes, and the
/// licence types of the repository's catalogue.
@Suite("E-licences", .enabled(if: RepositoryCatalogue.exists, "no topics/ in this checkout"))
struct LicenceTests {
    let catalogue: Catalogue
    let secret = try! HubSecret(bytes: Array("licence-test-secret-0123456789abcdef".utf8))
    let federation = SigningKey.generate()
    let civil = SigningKey.generate()
    let holder = "440106199001010013"
    let today = CalendarDate(year: 2026, month: 12, day: 4)!
    var hub: ControlSigner { .hub(secret) }
    var types: [String: LicenceType] { Dictionary(uniqueKeysWithValues: catalogue.licenceTypes.map { ($0.id, $0) }) }

    init() throws {
        catalogue = try CatalogueLoader.load(directory: RepositoryCatalogue.directory)
    }

    func registration(_ party: String, _ key: SigningKey) -> IdentityEvent {
        IdentityEvent(kind: .registered, party: party, key: key.verifyingKey.id, publicKey: key.verifyingKey.base64,
                      at: "2026-01-01T00:00:00Z").signed(by: hub)
    }

    func registry() -> IdentityRegistry {
        var registry = IdentityRegistry(hub: SigningKey.hub(secret).verifyingKey)
        #expect(registry.apply(registration("disabled-persons-federation", federation)) == nil)
        #expect(registry.apply(registration("civil-affairs", civil)) == nil)
        return registry
    }

    /// A disability certificate issued on `issued` by `issuer`, signed with `key`.
    func certificate(issuer: String = "disabled-persons-federation", key: SigningKey? = nil,
                     issued: CalendarDate = CalendarDate(year: 2026, month: 3, day: 1)!) -> Licence {
        let key = key ?? federation
        let type = catalogue.licenceType("disability-certificate")!
        let number = Licence.number(type: type, issuer: issuer, holder: holder, issued: issued, nonce: Array("n".utf8))
        return Licence(number: number, licenceType: type.id, issuer: .init(id: issuer, key: key.verifyingKey.id),
                       validFrom: issued.description, validUntil: type.validUntil(issued: issued)?.description,
                       subject: .init(id: holder, kind: .person, name: "张三",
                                      fields: ["disability_category": "physical", "disability_grade": "2"]))
            .signed(by: ControlSigner(key: key))
    }

    func issued(_ licence: Licence, by party: String = "disabled-persons-federation", key: SigningKey? = nil) -> LicenceEvent {
        LicenceEvent(kind: .issued, number: licence.number, by: party, licence: licence, at: "2026-03-01T08:00:00Z")
            .signed(by: ControlSigner(key: key ?? federation))
    }

    func verifier(_ registry: IdentityRegistry, _ register: LicenceRegister) -> LicenceVerifier {
        LicenceVerifier(types: catalogue.licenceTypes,
                        list: RevocationList(registry: registry, register: register, catalogue: catalogue, at: "2026-12-04T00:00:00Z"))
    }

    @Test func catalogueShipsTheTypes() throws {
        #expect(catalogue.licenceTypes.count >= 12)
        let business = try #require(catalogue.licenceType("business-licence"))
        #expect(business.visibility == .public && business.holder == .legalEntity && business.issuers == ["market-regulation"])
        let disability = try #require(catalogue.licenceType("disability-certificate"))
        #expect(disability.visibility == .personal && disability.validityYears == 10)
        #expect(disability.validUntil(issued: CalendarDate(year: 2026, month: 3, day: 1)!) == CalendarDate(year: 2036, month: 2, day: 29))
        #expect(Set(catalogue.licenceTypes.map(\.code)).count == catalogue.licenceTypes.count)
    }

    @Test func signatureRoundTripInBothForms() throws {
        let registry = registry()
        let licence = certificate()
        var register = LicenceRegister()
        #expect(register.apply(issued(licence), offset: 0, registry: registry, types: types) == nil)
        let check = verifier(registry, register)
        #expect(check.verify(licence, on: today).status == .valid)
        let json = licence.encoded()
        #expect(LicenceText.read(json) == licence)
        #expect(check.verify(bytes: json, on: today).status == .valid)
        let text = try #require(LicenceText.encode(licence))
        #expect(text.hasPrefix("SL1.") && text.utf8.count < 1_000, "\(text.utf8.count) characters")
        #expect(LicenceText.decode(text) == licence)
        #expect(check.verify(bytes: Array(text.utf8), on: today).status == .valid)
        #expect(register.licences(of: holder).map(\.licence.number) == [licence.number])
    }

    @Test func tamperedFieldIsRefused() throws {
        let registry = registry()
        var licence = certificate()
        licence.credentialSubject.fields["disability_grade"] = "1"
        #expect(verifier(registry, LicenceRegister()).verify(licence, on: today).status == .tampered)
        var renamed = certificate()
        renamed.credentialSubject.name = "李四"
        let text = try #require(LicenceText.encode(renamed))
        #expect(verifier(registry, LicenceRegister()).verify(bytes: Array(text.utf8), on: today).status == .tampered)
        var register = LicenceRegister()
        #expect(register.apply(issued(licence), offset: 0, registry: registry, types: types)?.contains("bad-signature") == true)
    }

    @Test func wrongIssuerForTheTypeIsRefused() {
        let registry = registry()
        // civil-affairs signs a disability certificate in its own name: authentic, but not entitled.
        let own = certificate(issuer: "civil-affairs", key: civil)
        let verdict = verifier(registry, LicenceRegister()).verify(own, on: today)
        #expect(verdict.status == .wrongIssuer)
        #expect(verdict.reason.contains("not entitled"))
        // civil-affairs's key signs a licence naming the federation as issuer.
        let borrowed = certificate(issuer: "disabled-persons-federation", key: civil)
        #expect(verifier(registry, LicenceRegister()).verify(borrowed, on: today).status == .wrongIssuer)
        var register = LicenceRegister()
        #expect(register.apply(issued(own, by: "civil-affairs", key: civil), offset: 0, registry: registry, types: types)?
            .contains("not entitled") == true)
        #expect(register.entries.isEmpty)
    }

    @Test func revokedLicenceIsRefused() throws {
        let registry = registry()
        let licence = certificate()
        var register = LicenceRegister()
        #expect(register.apply(issued(licence), offset: 0, registry: registry, types: types) == nil)
        let revoke = LicenceEvent(kind: .revoked, number: licence.number, by: "disabled-persons-federation", reason: .withdrawn,
                                  at: "2026-06-01T00:00:00Z").signed(by: ControlSigner(key: federation))
        // Only the issuer revokes.
        let foreign = LicenceEvent(kind: .revoked, number: licence.number, by: "civil-affairs", reason: .withdrawn,
                                   at: "2026-06-01T00:00:00Z").signed(by: ControlSigner(key: civil))
        #expect(register.apply(foreign, offset: 1, registry: registry, types: types)?.contains("only the issuer") == true)
        #expect(register.apply(revoke, offset: 2, registry: registry, types: types) == nil)
        let verdict = verifier(registry, register).verify(licence, on: today)
        #expect(verdict.status == .revoked)
        #expect(verdict.reason.contains("withdrawn"))
    }

    @Test func expiredAndNotYetValid() {
        let registry = registry()
        let old = certificate(issued: CalendarDate(year: 2014, month: 5, day: 10)!)
        #expect(old.validUntil == "2024-05-09")
        #expect(verifier(registry, LicenceRegister()).verify(old, on: today).status == .expired)
        #expect(verifier(registry, LicenceRegister()).verify(old, on: CalendarDate(year: 2024, month: 5, day: 9)!).status == .valid)
        let future = certificate(issued: CalendarDate(year: 2027, month: 1, day: 1)!)
        #expect(verifier(registry, LicenceRegister()).verify(future, on: today).status == .notYetValid)
    }

    @Test("the register lists the licences that expired on one of the last days, revoked ones not, for their status: expired rows")
    func expiredInTheLastDays() throws {
        let registry = registry()
        var register = LicenceRegister()
        // Ten-year certificates: last valid days 2026-11-27, 2026-12-02, 2026-12-03, 2026-12-04.
        let issues = [(2016, 11, 28), (2016, 12, 3), (2016, 12, 4), (2016, 12, 5)].map { CalendarDate(year: $0.0, month: $0.1, day: $0.2)! }
        let licences = issues.map { certificate(issued: $0) }
        for (offset, licence) in licences.enumerated() {
            #expect(register.apply(issued(licence), offset: Int64(offset), registry: registry, types: types) == nil)
        }
        #expect(licences.map(\.validUntil) == ["2026-11-27", "2026-12-02", "2026-12-03", "2026-12-04"])
        let revoke = LicenceEvent(kind: .revoked, number: licences[1].number, by: "disabled-persons-federation", reason: .holderCeased,
                                  at: "2026-12-01T00:00:00Z").signed(by: ControlSigner(key: federation))
        #expect(register.apply(revoke, offset: 9, registry: registry, types: types) == nil)
        // On 2026-12-04 the one valid until 12-03 has expired; 12-02 is revoked; 11-27 is outside a 3-day look-back.
        #expect(register.expired(before: today, lookback: 3).map(\.licence.number) == [licences[2].number])
        #expect(Set(register.expired(before: today, lookback: 8).map(\.licence.number)) == [licences[0].number, licences[2].number])
        #expect(register.expired(before: today, lookback: 0).isEmpty)
        let row = LicenceRow.event(licences[2], type: types["disability-certificate"]!, status: "expired", provider: "data-administration",
                                   sequence: 3, time: "2026-12-04T01:00:00Z")
        #expect(row.id == "licence-\(licences[2].number)-3")
        #expect(try Row.parse(bytes: row.value)["status"]?.stringValue == "expired")
    }

    @Test func unknownKeyIsRefused() {
        let stranger = SigningKey.generate()
        let licence = certificate(key: stranger)
        #expect(verifier(registry(), LicenceRegister()).verify(licence, on: today).status == .unknownKey)
        var register = LicenceRegister()
        #expect(register.apply(issued(licence, key: stranger), offset: 0, registry: registry(), types: types)?.contains("unknown-key") == true)
    }

    @Test func revokedIssuerKeyKeepsWhatItRegisteredBefore() throws {
        var registry = registry()
        let before = certificate()
        var register = LicenceRegister()
        #expect(register.apply(issued(before), offset: 0, registry: registry, types: types) == nil)
        let revocation = IdentityEvent(kind: .revoked, party: "disabled-persons-federation", key: federation.verifyingKey.id,
                                       at: "2026-07-01T00:00:00Z", reason: "laptop stolen", effective: [Topics.licences: 1])
        #expect(registry.apply(revocation.signed(by: hub)) == nil)
        let after = certificate(issued: CalendarDate(year: 2026, month: 8, day: 1)!)
        #expect(register.apply(issued(after), offset: 1, registry: registry, types: types)?.contains("revoked-key") == true)
        let check = verifier(registry, register)
        #expect(check.verify(before, on: today).status == .valid)
        #expect(check.verify(after, on: today).status == .revokedIssuerKey)
    }

    @Test func revocationListIsHubSigned() throws {
        let registry = registry()
        var register = LicenceRegister()
        #expect(register.apply(issued(certificate()), offset: 0, registry: registry, types: types) == nil)
        let list = RevocationList(registry: registry, register: register, catalogue: catalogue, at: "2026-12-04T00:00:00Z")
            .signed(by: hub)
        let hubKey = SigningKey.hub(secret).verifyingKey
        let read = try RevocationList.read(list.encoded(), hub: hubKey).get()
        #expect(read == list)
        #expect(read.keys.map(\.party).sorted() == ["civil-affairs", "disabled-persons-federation"])
        var altered = list
        altered.revoked.append(RevocationList.Revoked(licence: RevocationList.numberDigest("X"), at: "2026-12-04T00:00:00Z", reason: .withdrawn))
        if case .success = RevocationList.read(altered.encoded(), hub: hubKey) { Issue.record("an altered list was accepted") }
        let otherHub = SigningKey.generate().verifyingKey
        if case .success = RevocationList.read(list.encoded(), hub: otherHub) { Issue.record("a list of another hub was accepted") }
        // The list names licences by digest only: no holder, no number in clear.
        let text = String(decoding: list.encoded(), as: UTF8.self)
        #expect(!text.contains(holder) && !text.contains(certificate().number))
    }

    @Test func consentCodesAreBoundAndShortLived() throws {
        let hubKey = SigningKey.hub(secret).verifyingKey
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let code = ConsentCode(holder: holder, department: "civil-affairs", matter: "最低生活保障申请", now: now, lifetime: .seconds(600))
            .signed(by: hub)
        let text = code.text
        #expect(try ConsentCode.check(text, hub: hubKey, department: "civil-affairs", holder: holder, now: now).get().id == code.id)
        func refusal(_ text: String, department: String = "civil-affairs", holder: String? = nil, at: Date? = nil) -> ConsentCode.Refusal? {
            if case .failure(let refusal) = ConsentCode.check(text, hub: hubKey, department: department, holder: holder ?? self.holder,
                                                              now: at ?? now) { return refusal }
            return nil
        }
        #expect(refusal(text, department: "housing-construction") == .otherDepartment)
        #expect(refusal(text, holder: "440106199001010021") == .otherHolder)
        #expect(refusal(text, at: now.addingTimeInterval(601)) == .expired)
        #expect(refusal("SC1.garbage") == .invalid)
        let forged = ConsentCode(holder: holder, department: "civil-affairs", matter: "x", now: now, lifetime: .seconds(600))
            .signed(by: ControlSigner(key: SigningKey.generate()))
        #expect(refusal(forged.text) == .invalid)
        let long = ConsentCode(holder: holder, department: "civil-affairs", matter: "x", now: now, lifetime: .seconds(86_400))
        #expect(long.expiresAt == ConsentCode(holder: holder, department: "civil-affairs", matter: "x", now: now, lifetime: .seconds(3_600)).expiresAt)
    }

    @Test func badLicenceTypeFilesAreReportedWithLines() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("licence-types-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: RepositoryCatalogue.directory, to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = """
        id: pet-licence
        title: {zh: 养犬登记证, en: Dog licence}
        code: dog
        issuers: [public-security, ministry-of-magic]
        holder: person
        visibility: secret
        validity: forever
        fields:
          - {name: issuer, type: string, sensitivity: public}
        """
        try bad.write(to: directory.appendingPathComponent("licences/pet-licence.yaml"), atomically: true, encoding: .utf8)
        let diagnostics = CatalogueChecker.check(directory: directory).filter { $0.file == "licences/pet-licence.yaml" }
        let lines = diagnostics.map(\.line)
        #expect(lines.contains(3), "code")
        #expect(lines.contains(4), "unknown issuer")
        #expect(lines.contains(6), "visibility")
        #expect(lines.contains(7), "validity")
        #expect(lines.contains(9), "reserved field")
        #expect(diagnostics.contains { $0.message.contains("ministry-of-magic") && $0.message.contains("not a known department") })
    }
}
