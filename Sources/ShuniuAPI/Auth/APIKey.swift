import ShuniuModel

/// An API key's text form and its stored, hashed form.
///
/// A key reads `shk_<id>_<secret>`: `id` (12 hex digits) names the key in lists and logs,
/// `secret` (64 hex digits, 256 random bits) proves it. The hub stores only the id, a random
/// 16-byte salt and SHA-256(salt ‖ secret), so a copy of the key file opens nothing.
public struct APIKey: Sendable, Hashable {
    /// The key's public name.
    public let id: String
    /// The secret part (hex).
    public let secret: String

    /// The text handed to the department, once.
    public var text: String { "shk_\(id)_\(secret)" }

    /// A new random key.
    public static func generate() -> APIKey {
        var generator = SystemRandomNumberGenerator()  // getrandom(2): cryptographically secure
        return APIKey(id: hex(bytes: 6, &generator), secret: hex(bytes: 32, &generator))
    }

    /// Parses a key's text form; nil when it is not one.
    public init?(text: String) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "shk", parts[1].utf8.count == 12, parts[2].utf8.count == 64,
              (parts[1] + parts[2]).utf8.allSatisfy(Self.isHex) else { return nil }
        id = String(parts[1])
        secret = String(parts[2])
    }

    private init(id: String, secret: String) {
        self.id = id
        self.secret = secret
    }

    /// SHA-256(salt ‖ secret).
    public func hash(salt: [UInt8]) -> [UInt8] { SHA256Digest.hash(salt + Array(secret.utf8)) }

    /// A fresh random salt.
    public static func salt() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    private static func hex(bytes: Int, _ generator: inout SystemRandomNumberGenerator) -> String {
        SHA256Digest.hex((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}

/// What a key authenticates.
public enum APIKeyRole: String, Sendable, Hashable, CaseIterable {
    /// A department (`shuniu keys issue --department ID`): reads the libraries under its grants,
    /// acts in the grant workflow.
    case department
    /// The hub's operators (`shuniu keys issue --ops`): `/v1/stats` and the detail of
    /// `/healthz`; no subject data, no workflow action (403 on those routes).
    case ops
    /// A citizen (`shuniu keys issue --citizen ID`): signs in to the portal's data use record of
    /// that one person; the API answers 403 to it. The citizen's ID is kept in the key file's
    /// `department` column (the file is 0600).
    case citizen
}

/// A key as the store holds it: never the secret.
public struct StoredKey: Sendable, Hashable {
    /// The key's public name.
    public var id: String
    /// The department it authenticates (empty for an ops key).
    public var department: String
    /// What it authenticates.
    public var role: APIKeyRole
    /// Its salt.
    public var salt: [UInt8]
    /// SHA-256(salt ‖ secret).
    public var hash: [UInt8]
    /// A note given at issue (who holds it, what for).
    public var label: String?
    /// When issued (RFC 3339).
    public var issued: String
    /// When revoked (RFC 3339), nil while valid.
    public var revoked: String?

    /// A stored key.
    public init(id: String, department: String, salt: [UInt8], hash: [UInt8], label: String? = nil, issued: String,
                revoked: String? = nil, role: APIKeyRole = .department) {
        self.id = id
        self.department = department
        self.role = role
        self.salt = salt
        self.hash = hash
        self.label = label
        self.issued = issued
        self.revoked = revoked
    }

    /// True when `key` is this key's secret: compares the whole hash in constant time.
    public func matches(_ key: APIKey) -> Bool {
        guard key.id == id else { return false }
        let candidate = key.hash(salt: salt)
        guard candidate.count == hash.count else { return false }
        var difference: UInt8 = 0
        for index in hash.indices { difference |= candidate[index] ^ hash[index] }
        return difference == 0
    }
}
