import Foundation

/// What a verification found: a stable status, the reason in words, and only what the
/// presented licence itself carries (its number, type, issuer and dates).
public struct LicenceVerdict: Sendable, Hashable, Codable {
    /// The outcomes.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Signed by a department entitled to the type, with a key in force, not revoked, in date.
        case valid
        /// Revoked by its issuer.
        case revoked
        /// Past its last valid day.
        case expired
        /// Its first valid day is still to come.
        case notYetValid = "not-yet-valid"
        /// Not issued by a department entitled to that type (or signed with another party's key).
        case wrongIssuer = "wrong-issuer"
        /// The signature does not verify: a value was changed after signing.
        case tampered
        /// Signed with a key the registry does not know.
        case unknownKey = "unknown-key"
        /// Signed with a key revoked before the licence was registered.
        case revokedIssuerKey = "revoked-issuer-key"
        /// Of a type the catalogue does not define.
        case unknownType = "unknown-type"
        /// Not a Shuniu licence at all.
        case malformed
    }

    /// The outcome.
    public var status: Status
    /// Why, in words.
    public var reason: String
    /// The licence number, when the licence could be read.
    public var number: String?
    /// Its type.
    public var licenceType: String?
    /// Its issuer as it names itself.
    public var issuer: String?
    /// Its first and last valid days.
    public var validFrom: String?
    /// Its last valid day, if it has one.
    public var validUntil: String?

    /// A verdict on `licence`.
    init(_ status: Status, _ reason: String, _ licence: Licence?) {
        self.status = status
        self.reason = reason
        number = licence?.number
        licenceType = licence?.licenceType
        issuer = licence?.issuer.id
        validFrom = licence?.validFrom
        validUntil = licence?.validUntil
    }

    /// True for `valid`.
    public var isValid: Bool { status == .valid }
}

/// Checks a presented licence against the licence types and a revocation list (pure: the
/// day is given). The same check runs offline (`shuniu licence verify` with an exported list)
/// and online (`POST /v1/licences/verify`, the list made from the live registry and register).
public struct LicenceVerifier: Sendable {
    private let types: [String: LicenceType]
    private let keys: [String: RevocationList.Key]
    private let revoked: [String: RevocationList.Revoked]
    private let validUnderRevokedKey: [String: Set<String>]

    /// A verifier with the catalogue's licence types and a revocation list.
    public init(types: [LicenceType], list: RevocationList) {
        self.types = Dictionary(types.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        keys = Dictionary(list.keys.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        revoked = Dictionary(list.revoked.map { ($0.licence, $0) }, uniquingKeysWith: { first, _ in first })
        validUnderRevokedKey = Dictionary(list.keys.map { ($0.key, Set($0.validLicences ?? [])) }, uniquingKeysWith: { first, _ in first })
    }

    /// The verdict on `licence` on `day`.
    public func verify(_ licence: Licence, on day: CalendarDate) -> LicenceVerdict {
        guard licence.context == Licence.contexts, licence.type == Licence.types,
              licence.id == "urn:shuniu:licence:\(licence.number)",
              let from = CalendarDate(iso: licence.validFrom) else {
            return LicenceVerdict(.malformed, "not a Shuniu licence (its @context, type, id or validFrom is not the licence format)", licence)
        }
        let until = licence.validUntil.flatMap { CalendarDate(iso: $0) }
        guard licence.validUntil == nil || until != nil else {
            return LicenceVerdict(.malformed, "validUntil is not a date (YYYY-MM-DD)", licence)
        }
        guard let type = types[licence.licenceType] else {
            return LicenceVerdict(.unknownType, "the catalogue defines no licence type \(licence.licenceType.prefix(60))", licence)
        }
        guard let signature = licence.signature, signature.via == nil, signature.key == licence.issuer.key,
              let bytes = Data(base64Encoded: signature.value).map(Array.init) else {
            return LicenceVerdict(.tampered, "the proof is missing or does not name the issuer's key", licence)
        }
        guard let key = keys[signature.key], let publicKey = VerifyingKey(base64: key.publicKey) else {
            return LicenceVerdict(.unknownKey, "key \(signature.key.prefix(40)) is not a registered department key (a forgery, or a revocation list older than the key)", licence)
        }
        guard publicKey.verifies(bytes, of: ControlSignature.message(canonical: licence.canonical, via: nil), in: .licence) else {
            return LicenceVerdict(.tampered, "the signature does not verify: the licence was changed after it was signed", licence)
        }
        guard key.party == licence.issuer.id else {
            return LicenceVerdict(.wrongIssuer, "signed with a key of \(key.party), not of the issuer it names (\(licence.issuer.id))", licence)
        }
        guard type.issuers.contains(key.party) else {
            return LicenceVerdict(.wrongIssuer, "\(key.party) is not entitled to issue \(type.title.zh) (\(type.id)); its issuers: \(type.issuers.joined(separator: ", "))", licence)
        }
        guard licence.credentialSubject.kind == type.holder else {
            return LicenceVerdict(.malformed, "a \(type.id) is held by a \(type.holder.rawValue), not a \(licence.credentialSubject.kind.rawValue)", licence)
        }
        let digest = RevocationList.numberDigest(licence.number)
        if let revokedAt = key.revokedAt, validUnderRevokedKey[key.key]?.contains(digest) != true {
            return LicenceVerdict(.revokedIssuerKey, "signed with key \(key.key), revoked at \(revokedAt), and not registered before that", licence)
        }
        if let revocation = revoked[digest] {
            return LicenceVerdict(.revoked, "revoked by its issuer at \(revocation.at) (\(revocation.reason.rawValue))", licence)
        }
        if let until, until < day {
            return LicenceVerdict(.expired, "its last valid day was \(until)", licence)
        }
        if day < from {
            return LicenceVerdict(.notYetValid, "valid only from \(from)", licence)
        }
        return LicenceVerdict(.valid, "issued by \(key.party) with key \(key.key)\(until.map { ", valid until \($0)" } ?? "")", licence)
    }

    /// The verdict on licence bytes (its JSON form or its compact text form).
    public func verify(bytes: [UInt8], on day: CalendarDate) -> LicenceVerdict {
        guard let licence = LicenceText.read(bytes) else {
            return LicenceVerdict(.malformed, "neither a licence's JSON form nor its compact form (SL1.…)", nil)
        }
        return verify(licence, on: day)
    }
}
