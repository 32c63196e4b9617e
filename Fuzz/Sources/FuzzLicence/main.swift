import FuzzSupport
import Foundation
import ShuniuModel

/// A registry with one department key, a register holding one licence signed with it, and
/// the verifier over both: what `POST /v1/licences/verify` (keyless, from anyone) runs.
private let hub = SigningKey.hub(FuzzSupport.secret)
private let federation = SigningKey.generate()
private let types = Dictionary(uniqueKeysWithValues: FuzzSupport.catalogue.licenceTypes.map { ($0.id, $0) })
private let (verifier, registry, register): (LicenceVerifier, IdentityRegistry, LicenceRegister) = {
    var registry = IdentityRegistry(hub: hub.verifyingKey)
    _ = registry.apply(IdentityEvent(kind: .registered, party: "disabled-persons-federation", key: federation.verifyingKey.id,
                                     publicKey: federation.verifyingKey.base64, at: "2026-01-01T00:00:00Z").signed(by: .hub(FuzzSupport.secret)))
    var register = LicenceRegister()
    if let type = types["disability-certificate"], let issued = CalendarDate(year: 2026, month: 3, day: 1) {
        let licence = Licence(number: Licence.number(type: type, issuer: "disabled-persons-federation", holder: "440106199001010013",
                                                     issued: issued, nonce: [1]),
                              licenceType: type.id, issuer: .init(id: "disabled-persons-federation", key: federation.verifyingKey.id),
                              validFrom: issued.description, validUntil: type.validUntil(issued: issued)?.description,
                              subject: .init(id: "440106199001010013", kind: .person, name: "张三",
                                             fields: ["disability_category": "physical", "disability_grade": "2"]))
            .signed(by: ControlSigner(key: federation))
        _ = register.apply(LicenceEvent(kind: .issued, number: licence.number, by: "disabled-persons-federation", licence: licence,
                                        at: "2026-03-01T08:00:00Z").signed(by: ControlSigner(key: federation)),
                           offset: 0, registry: registry, types: types)
    }
    let list = RevocationList(registry: registry, register: register, catalogue: FuzzSupport.catalogue, at: "2026-12-04T00:00:00Z")
    return (LicenceVerifier(types: FuzzSupport.catalogue.licenceTypes, list: list), registry, register)
}()
private let days = [CalendarDate(year: 2026, month: 12, day: 4), CalendarDate.latest, CalendarDate(year: 1900, month: 1, day: 1)]
    .compactMap { $0 }

/// The fuzz target: a presented licence (JSON form or compact `SL1.` text) through the
/// verifier on three days; the same bytes as a consent code (`SC1.`), a revocation list and a
/// register record applied to a copy of the register. None may crash or hang.
private func fuzzLicence(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for day in days { _ = verifier.verify(bytes: bytes, on: day) }
    let text = String(decoding: bytes, as: UTF8.self)
    if let licence = LicenceText.decode(text) { _ = LicenceText.encode(licence) }
    _ = ConsentCode.check(text, hub: hub.verifyingKey, department: "civil-affairs", holder: "440106199001010013", now: Date())
    _ = RevocationList.read(bytes, hub: hub.verifyingKey)
    if let event = LicenceEvent.decode(bytes) {
        var copy = register
        _ = copy.apply(event, offset: 1, registry: registry, types: types)
        _ = copy.expired(before: CalendarDate.latest, lookback: 366)
    }
    return 0
}

FuzzSupport.run { data, size in fuzzLicence(data, size) }
