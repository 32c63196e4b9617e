import Crypto
import Foundation

/// A party's Ed25519 public key: what every service holds to check the party's signatures.
/// Its id, `k-` and 16 hex digits of the SHA-256 of the key, names it in signatures and in
/// the identity registry.
public struct VerifyingKey: Sendable, Hashable, CustomStringConvertible {
    /// The 32 raw key bytes.
    public let raw: [UInt8]
    /// `k-` and the first 16 hex digits of SHA-256(raw).
    public let id: String

    /// The key from its 32 raw bytes; nil when they are not a valid Ed25519 public key.
    public init?(raw: [UInt8]) {
        guard raw.count == 32, (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else { return nil }
        self.raw = raw
        id = "k-" + SHA256Digest.hex(SHA256Digest.hash(raw)).prefix(16)
    }

    /// The key from its base64 text (as in `ctl.identities` and key files).
    public init?(base64: String) {
        guard base64.utf8.count <= 64, let data = Data(base64Encoded: base64) else { return nil }
        self.init(raw: Array(data))
    }

    /// The key as base64 text.
    public var base64: String { Data(raw).base64EncodedString() }

    public var description: String { id }

    /// True when `signature` is this key's signature of `message` in `domain`.
    public func verifies(_ signature: [UInt8], of message: [UInt8], in domain: SignatureDomain) -> Bool {
        guard signature.count == 64, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signature, for: domain.framed(message))
    }
}
