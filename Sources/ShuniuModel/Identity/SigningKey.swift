import Crypto
import Foundation

/// A party's Ed25519 private key (swift-crypto). It is held in a key file of mode 0600
/// (`IdentityFile`) or, for the hub itself, derived from the hub secret; it is never logged
/// (its description is the key id only).
public struct SigningKey: Sendable, CustomStringConvertible {
    private let key: Curve25519.Signing.PrivateKey
    /// The matching public key.
    public let verifyingKey: VerifyingKey

    /// The key from its 32-byte seed; nil when the bytes are not one.
    public init?(seed: [UInt8]) {
        guard seed.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed),
              let verifying = VerifyingKey(raw: Array(key.publicKey.rawRepresentation)) else { return nil }
        self.key = key
        verifyingKey = verifying
    }

    /// A new random key.
    public static func generate() -> SigningKey {
        let key = Curve25519.Signing.PrivateKey()
        // A key swift-crypto just made always has a valid seed and public key.
        return SigningKey(seed: Array(key.rawRepresentation)) ?? generate()
    }

    /// The hub's own signing key, derived from the hub secret:
    /// seed = HMAC-SHA-256(secret, "shuniu/hub-signing/v1"). Every service that holds the
    /// secret can sign as the hub and check the hub's signatures; rotating the secret rotates
    /// this key (see docs/identities.md).
    public static func hub(_ secret: HubSecret) -> SigningKey {
        let seed = SHA256Digest.hmac(key: secret.bytes, message: Array("shuniu/hub-signing/v1".utf8))
        return SigningKey(seed: seed) ?? generate()
    }

    /// The 32-byte seed, for writing the key file only.
    public var seed: [UInt8] { Array(key.rawRepresentation) }

    /// The key id (`k-...`): never the key itself.
    public var description: String { verifyingKey.id }

    /// The signature (64 bytes) of `message` in `domain`.
    public func sign(_ message: [UInt8], in domain: SignatureDomain) -> [UInt8] {
        // Signing with a valid Ed25519 key does not fail; an empty result never verifies.
        Array((try? key.signature(for: domain.framed(message))) ?? Data())
    }
}
