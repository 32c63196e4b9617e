/// An e-licence (电子证照): a statement by an issuing department about a holder, signed with
/// the department's identity key, in a JSON form aligned with the W3C Verifiable Credentials
/// data model 2.0 (`@context`, `type`, `id`, `issuer`, `validFrom`, `validUntil`,
/// `credentialSubject`, `proof`). docs/licences.md has the format.
///
/// The signature (`proof`) is Ed25519 over the canonical JSON of the licence without its
/// proof (sorted keys, no escaped slashes), in the domain `shuniu/licence/v1`; the compact
/// text form (``LicenceText``) carries the same values and the same signature.
public struct Licence: Sendable, Hashable, Codable, SignedControlRecord {
    /// The issuer as the credential names it: the department and the key that signed.
    public struct Issuer: Sendable, Hashable, Codable {
        /// The issuing department's id.
        public var id: String
        /// The id (`k-...`) of the department key that signs the licence.
        public var key: String

        /// An issuer.
        public init(id: String, key: String) {
            self.id = id
            self.key = key
        }
    }

    /// Whom the licence is about, and what it states.
    public struct Subject: Sendable, Hashable, Codable {
        /// The holder's citizen ID or unified social credit code.
        public var id: String
        /// `person` or `legal-entity`.
        public var kind: LicenceType.Holder
        /// The holder's name as printed on the licence.
        public var name: String
        /// The type's fields: name to value (dates as `YYYY-MM-DD`).
        public var fields: [String: String]

        /// A subject.
        public init(id: String, kind: LicenceType.Holder, name: String, fields: [String: String]) {
            self.id = id
            self.kind = kind
            self.name = name
            self.fields = fields
        }
    }

    /// The JSON-LD contexts: the W3C credentials context, then Shuniu's licence terms.
    public static let contexts = ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/shuniu/licence/v1"]
    /// The credential types.
    public static let types = ["VerifiableCredential", "ShuniuLicence"]
    /// The largest licence (JSON or compact text) read, in bytes.
    public static let maximumSize = 16 * 1024

    /// The contexts (always ``contexts``).
    public var context: [String]
    /// The types (always ``types``).
    public var type: [String]
    /// `urn:shuniu:licence:<number>`.
    public var id: String
    /// The licence number: the type's code, the issue date and ten hex digits, stable for the
    /// licence's life (a renewal is a new licence with a new number).
    public var number: String
    /// The licence type's id.
    public var licenceType: String
    /// Who issued it.
    public var issuer: Issuer
    /// The issue date, `YYYY-MM-DD`.
    public var validFrom: String
    /// The last valid day, `YYYY-MM-DD`, from the type's rule; nil: valid until revoked.
    public var validUntil: String?
    /// The holder and what the licence states.
    public var credentialSubject: Subject
    /// The issuer's signature (nil until signed).
    public var signature: ControlSignature?

    enum CodingKeys: String, CodingKey {
        case context = "@context", type, id, number = "licenceNumber", licenceType, issuer, validFrom, validUntil,
             credentialSubject, signature = "proof"
    }

    /// An unsigned licence (see `signed(by:)`).
    public init(number: String, licenceType: String, issuer: Issuer, validFrom: String, validUntil: String?, subject: Subject) {
        context = Self.contexts
        type = Self.types
        id = "urn:shuniu:licence:\(number)"
        self.number = number
        self.licenceType = licenceType
        self.issuer = issuer
        self.validFrom = validFrom
        self.validUntil = validUntil
        credentialSubject = subject
    }

    /// Licences are signed in `shuniu/licence/v1`.
    public static var signatureDomain: SignatureDomain { .licence }

    /// The JSON form (canonical, with its proof).
    public func encoded() -> [UInt8] { ControlJSON.encode(self) }

    /// SHA-256 (hex) of the JSON form: the `content_sha256` of the licence's row in `e-licences`.
    public var digest: String { SHA256Digest.hex(SHA256Digest.hash(encoded())) }

    /// A licence number: the type's code, the issue date and ten hex digits of
    /// SHA-256(type, issuer, holder, date, `nonce`).
    public static func number(type: LicenceType, issuer: String, holder: String, issued: CalendarDate, nonce: [UInt8]) -> String {
        var hasher = SHA256Hasher()
        for part in [type.id, issuer, holder, issued.description] { hasher.update(Array(part.utf8) + [0]) }
        hasher.update(nonce)
        let date = issued.description.replacingOccurrences(of: "-", with: "")
        return "\(type.code)-\(date)-\(SHA256Digest.hex(hasher.finish()).prefix(10).uppercased())"
    }
}

extension SignatureDomain {
    /// E-licences, signed by their issuing department.
    public static let licence = SignatureDomain("shuniu/licence/v1")
    /// Records of the licence register `ctl.licences` (issue and revocation), signed by the issuer.
    public static let licenceRegister = SignatureDomain("shuniu/ctl.licences/v1")
    /// A holder's consent codes, signed by the hub standing in for the city's identity app.
    public static let consent = SignatureDomain("shuniu/licence-consent/v1")
    /// The hub's exported revocation list.
    public static let revocationList = SignatureDomain("shuniu/licence-revocations/v1")
}
