/// Why a control record's signature is not accepted: a stable code and the fix in words.
public struct AuthenticityRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable codes.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The record carries no signature.
        case unsigned
        /// The signature does not verify (the record was changed, or signed for something else).
        case badSignature = "bad-signature"
        /// The signing key is not in the identity registry.
        case unknownKey = "unknown-key"
        /// The key was revoked before this record was written.
        case revokedKey = "revoked-key"
        /// The key belongs to another party than the one the rules require.
        case wrongSigner = "wrong-signer"
        /// The same signature was already used by an earlier record (a copied record).
        case replayedSignature = "replayed-signature"
        /// The hub signed for a party without saying how it authenticated the party.
        case hubWithoutVia = "hub-without-via"
    }

    /// The code.
    public var code: Code
    /// What is wrong and how to put it right.
    public var message: String

    /// A refusal.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
