import Foundation

/// What a verifier needs to check licences offline, exported by the hub and signed with the
/// hub key (`shuniu licence revocations --export FILE`), like a certificate revocation list:
/// every department key that may sign licences, the revoked keys with the licences they
/// registered before their revocation (which stay valid), and the revoked licences.
///
/// Licences are named by a digest of their number (``numberDigest(_:)``), so the list tells
/// nobody who holds which licence: a verifier hashes the number of the licence in front of it.
public struct RevocationList: Sendable, Hashable, Codable, SignedControlRecord {
    /// A department key.
    public struct Key: Sendable, Hashable, Codable {
        /// The department.
        public var party: String
        /// The key id (`k-...`).
        public var key: String
        /// The public key, base64.
        public var publicKey: String
        /// When the key was revoked (RFC 3339), if it was.
        public var revokedAt: String?
        /// For a revoked key: the digests of the licences it registered before its revocation,
        /// sorted. Every other licence it signed is refused (`revoked-issuer-key`).
        public var validLicences: [String]?
    }

    /// A revoked licence.
    public struct Revoked: Sendable, Hashable, Codable {
        /// The digest of its number.
        public var licence: String
        /// When it was revoked (RFC 3339).
        public var at: String
        /// Why.
        public var reason: LicenceEvent.Reason

        /// A revoked licence.
        public init(licence: String, at: String, reason: LicenceEvent.Reason) {
            self.licence = licence
            self.at = at
            self.reason = reason
        }
    }

    /// The format line.
    public static let formatName = "shuniu-licence-revocations v1"
    /// The largest list read (bytes).
    public static let maximumSize = 256 * 1024 * 1024

    /// Always ``formatName``.
    public var format: String
    /// When the list was made (RFC 3339).
    public var issuedAt: String
    /// The register offset the list covers: every `ctl.licences` record before it.
    public var registerEnd: Int64
    /// Every registered key of a department, by party then key id.
    public var keys: [Key]
    /// Revoked licences, by digest.
    public var revoked: [Revoked]
    /// The hub's signature.
    public var signature: ControlSignature?

    /// Revocation lists are signed by the hub in `shuniu/licence-revocations/v1`.
    public static var signatureDomain: SignatureDomain { .revocationList }

    /// A licence number's digest as the list names it: 32 hex digits of SHA-256(number).
    public static func numberDigest(_ number: String) -> String {
        String(SHA256Digest.hex(SHA256Digest.hash(Array(number.utf8))).prefix(32))
    }

    /// The list for the registry and register as they stand (unsigned; see `signed(by:)`).
    /// Keys of parties that are not departments of `catalogue` are left out.
    public init(registry: IdentityRegistry, register: LicenceRegister, catalogue: Catalogue, at: String) {
        format = Self.formatName
        issuedAt = at
        registerEnd = register.end
        var keys: [Key] = []
        for entry in registry.all where catalogue.department(entry.party) != nil {
            var key = Key(party: entry.party, key: entry.key.id, publicKey: entry.key.base64)
            if let revocation = entry.revocation {
                let from = revocation.effective[Topics.licences] ?? 0
                key.revokedAt = revocation.at
                key.validLicences = register.entries.values
                    .filter { $0.licence.issuer.key == entry.key.id && $0.offset < from }
                    .map { Self.numberDigest($0.licence.number) }.sorted()
            }
            keys.append(key)
        }
        self.keys = keys
        revoked = register.entries.values.compactMap { entry in
            entry.revocation.map { Revoked(licence: Self.numberDigest(entry.licence.number), at: $0.at, reason: $0.reason) }
        }.sorted { $0.licence < $1.licence }
    }

    /// The JSON form.
    public func encoded() -> [UInt8] { ControlJSON.encode(self) }

    /// The list in `bytes` when the hub key `hub` signed it; else why not.
    public static func read(_ bytes: [UInt8], hub: VerifyingKey) -> Result<RevocationList, LicenceError> {
        guard bytes.count <= maximumSize, let list = try? JSONDecoder().decode(RevocationList.self, from: Data(bytes)),
              list.format == formatName else {
            return .failure(LicenceError("not a Shuniu revocation list (`shuniu licence revocations --export FILE` makes one)"))
        }
        guard let signature = list.signature, signature.key == hub.id,
              let value = Data(base64Encoded: signature.value).map(Array.init),
              hub.verifies(value, of: ControlSignature.message(canonical: list.canonical, via: signature.via), in: .revocationList) else {
            return .failure(LicenceError("the revocation list is not signed by the hub key \(hub.id): get it from the hub again"))
        }
        return .success(list)
    }
}

/// A licence operation that cannot go on, with the fix in its message.
public struct LicenceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and what to do.
    public let description: String

    /// An error.
    public init(_ description: String) { self.description = description }
}
