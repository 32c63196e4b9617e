/// One record of the licence register `ctl.licences` (one partition, never expires): a
/// licence issued, or revoked, signed by the issuing department's key. The register is what
/// a revocation list is made from, and what keeps a licence valid after its issuer's key is
/// revoked: a licence registered before the revocation stays valid (docs/licences.md).
public struct LicenceEvent: Sendable, Hashable, Codable, SignedControlRecord {
    /// The kinds of record.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A licence issued (carries it).
        case issued
        /// A licence revoked, with a reason.
        case revoked
    }

    /// Why a licence was revoked: a fixed vocabulary, since a verifier is told the reason and
    /// must learn nothing the licence does not already carry.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// Replaced by a newer licence.
        case superseded
        /// Withdrawn by the issuer (e.g. the holder no longer qualifies).
        case withdrawn
        /// Issued in error.
        case issuedInError = "issued-in-error"
        /// The holder ceased to exist (an organisation deregistered).
        case holderCeased = "holder-ceased"
        /// The signing key may be known to others.
        case keyCompromise = "key-compromise"
    }

    /// The kind.
    public var kind: Kind
    /// The licence number.
    public var number: String
    /// The issuing department, the signer.
    public var by: String
    /// For `issued`: the licence.
    public var licence: Licence?
    /// For `revoked`: why.
    public var reason: Reason?
    /// When (RFC 3339), for people; validity after a key revocation follows offsets, not this.
    public var at: String
    /// The issuer's signature over the record without this field.
    public var signature: ControlSignature?

    /// A register record (unsigned; see `signed(by:)`).
    public init(kind: Kind, number: String, by: String, licence: Licence? = nil, reason: Reason? = nil, at: String) {
        self.kind = kind
        self.number = number
        self.by = by
        self.licence = licence
        self.reason = reason
        self.at = at
    }

    /// Register records are signed in `shuniu/ctl.licences/v1`.
    public static var signatureDomain: SignatureDomain { .licenceRegister }

    /// The JSON value written to `ctl.licences`.
    public func encoded() -> [UInt8] { ControlJSON.encode(self) }

    /// Decodes a `ctl.licences` value.
    public static func decode(_ bytes: [UInt8]) -> LicenceEvent? { ControlJSON.decode(bytes) }
}
