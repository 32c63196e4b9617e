/// Pseudonyms keyed per receiving department.
///
/// A department's pseudonym key is `HMAC-SHA-256(hub secret, "shuniu/pseudonym/v1/" + department)`;
/// the pseudonym of a value is the lowercase hex of `HMAC-SHA-256(department key, value)`. So
/// one department sees the same pseudonym for a value under every grant, across restarts and
/// replays (it can join its own themes), and two departments see unrelated pseudonyms (they
/// cannot join each other's data). The router's masks, the record keys it writes, the API's
/// masks and leak tracing all use this one derivation.
public struct PseudonymKeys: Sendable {
    private let secret: [UInt8]
    private let keys: [String: HMACKey]

    /// Keys for `departments` (others are derived on demand).
    public init(secret: HubSecret, departments: some Sequence<String>) {
        self.secret = secret.bytes
        var keys: [String: HMACKey] = [:]
        for department in departments { keys[department] = Self.derive(secret.bytes, department) }
        self.keys = keys
    }

    /// Keys for every department of `catalogue`.
    public init(secret: HubSecret, catalogue: Catalogue) {
        self.init(secret: secret, departments: catalogue.departments.map(\.id))
    }

    /// The pseudonym key of `department`.
    public func key(for department: String) -> HMACKey {
        keys[department] ?? Self.derive(secret, department)
    }

    /// The pseudonym `department` receives for `value` (64 hex digits).
    public func pseudonym(_ value: String, for department: String) -> String {
        Self.pseudonym(value, key: key(for: department))
    }

    /// The pseudonym of `value` under a department key.
    public static func pseudonym(_ value: String, key: HMACKey) -> String {
        key.hexMAC(value)
    }

    private static func derive(_ secret: [UInt8], _ department: String) -> HMACKey {
        HMACKey(SHA256Digest.hmac(key: secret, message: Array("shuniu/pseudonym/v1/\(department)".utf8)))
    }
}
