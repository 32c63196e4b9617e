import Foundation

/// The signature on a control record (`ctl.grants`, `ctl.credit-objections`): which key
/// signed, the signature itself and, when the hub signed for a department (the API acting for
/// the department its API key authenticates), through what it acted.
///
/// The signed message is the record's canonical JSON without its `signature` field, then a
/// newline and `via` (empty when nil), in the record's `SignatureDomain`.
public struct ControlSignature: Sendable, Hashable, Codable {
    /// The signing key's id (`k-...`).
    public var key: String
    /// The Ed25519 signature, base64.
    public var value: String
    /// For a hub signature on a department's behalf: how the hub authenticated it, e.g.
    /// `api-key:<key id>`. Nil for a party's own signature.
    public var via: String?

    /// A signature.
    public init(key: String, value: String, via: String? = nil) {
        self.key = key
        self.value = value
        self.via = via
    }

    /// The message a signature covers: `canonical`, a newline, `via`.
    public static func message(canonical: [UInt8], via: String?) -> [UInt8] {
        canonical + [0x0A] + Array((via ?? "").utf8)
    }
}

/// Who signs a control record: a party's own key, or the hub's key acting for the party.
public struct ControlSigner: Sendable, CustomStringConvertible {
    /// The key that signs.
    public let key: SigningKey
    /// Set when the hub signs for another party (see `ControlSignature.via`).
    public let via: String?

    /// A party signing with its own key.
    public init(key: SigningKey) {
        self.key = key
        via = nil
    }

    /// The hub signing, for itself (`via` nil) or on a party's behalf.
    public static func hub(_ secret: HubSecret, via: String? = nil) -> ControlSigner {
        ControlSigner(key: .hub(secret), via: via)
    }

    private init(key: SigningKey, via: String?) {
        self.key = key
        self.via = via
    }

    /// The signature of `canonical` in `domain`.
    public func sign(_ canonical: [UInt8], in domain: SignatureDomain) -> ControlSignature {
        let signature = key.sign(ControlSignature.message(canonical: canonical, via: via), in: domain)
        return ControlSignature(key: key.verifyingKey.id, value: Data(signature).base64EncodedString(), via: via)
    }

    public var description: String { via.map { "hub \(key) via \($0)" } ?? "\(key)" }
}

/// A control record that carries its party's signature (`GrantEvent`, `ObjectionEvent`,
/// `IdentityEvent`): one canonical form and one way to sign, in the record's own domain.
public protocol SignedControlRecord: Encodable {
    /// The signature, nil until signed.
    var signature: ControlSignature? { get set }
    /// The domain its signatures are made in.
    static var signatureDomain: SignatureDomain { get }
}

extension SignedControlRecord {
    /// The canonical JSON of the record without its signature: what the signature covers.
    public var canonical: [UInt8] {
        var unsigned = self
        unsigned.signature = nil
        return ControlJSON.encode(unsigned)
    }

    /// The record signed by `signer`.
    public func signed(by signer: ControlSigner) -> Self {
        var record = self
        record.signature = signer.sign(canonical, in: Self.signatureDomain)
        return record
    }
}
