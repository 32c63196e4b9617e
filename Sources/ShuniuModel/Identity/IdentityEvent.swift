import Foundation

/// One record of the identity registry, `ctl.identities` (one partition, never expires):
/// a party's public key registered, or revoked. Every record is signed by the hub; a record
/// without a valid hub signature changes nothing.
public struct IdentityEvent: Sendable, Hashable, Codable, SignedControlRecord {
    /// The kinds of record.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A party's key is registered (carries `publicKey`).
        case registered
        /// A key is revoked: its signatures on records at or past `effective` are refused.
        case revoked
    }

    /// The kind.
    public var kind: Kind
    /// The party: a department id, the arbitration body's id, or a credit subject (its credit
    /// code or citizen ID).
    public var party: String
    /// The key id (`k-...`).
    public var key: String
    /// The public key, base64 (for `registered`).
    public var publicKey: String?
    /// When (RFC 3339), for people; validity follows log positions, not this time.
    public var at: String
    /// Why (for `revoked`; rotation says so).
    public var reason: String?
    /// For `revoked`: topic name to the first offset from which the key's signatures are
    /// refused (the end of each control log when the key was revoked). Earlier records keep
    /// their signatures: what a key signed before it was revoked stays valid.
    public var effective: [String: Int64]?
    /// The hub's signature over the record without this field.
    public var signature: ControlSignature?

    /// A registry record (unsigned; see `signed(by:)`).
    public init(kind: Kind, party: String, key: String, publicKey: String? = nil, at: String, reason: String? = nil,
                effective: [String: Int64]? = nil) {
        self.kind = kind
        self.party = party
        self.key = key
        self.publicKey = publicKey
        self.at = at
        self.reason = reason
        self.effective = effective
    }

    /// The JSON value written to `ctl.identities`.
    public func encoded() -> [UInt8] { ControlJSON.encode(self) }

    /// Decodes a `ctl.identities` value (at most `ControlJSON.maximumSize` bytes).
    public static func decode(_ bytes: [UInt8]) -> IdentityEvent? { ControlJSON.decode(bytes) }
}

/// The one JSON form of control records: sorted keys, no escaped slashes, so identical
/// records are identical bytes and signatures cover a canonical form.
public enum ControlJSON {
    /// The largest control record decoded (a grant application is a few KiB).
    public static let maximumSize = 64 * 1024

    /// Canonical JSON of `value`.
    public static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(value)) ?? Data())
    }

    /// `bytes` decoded, or nil when they are too large or not a `T`.
    public static func decode<T: Decodable>(_ bytes: [UInt8], as type: T.Type = T.self) -> T? {
        guard bytes.count <= maximumSize else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(bytes))
    }
}

extension IdentityEvent {
    /// Registry records are signed (by the hub) in `shuniu/ctl.identities/v1`.
    public static var signatureDomain: SignatureDomain { .identities }
}
