import ShuniuModel

/// The key that binds audit records to the hub: every record carries
/// `mac = HMAC-SHA-256(audit key, hash)` after its `hash`, the audit key being
/// `HMAC-SHA-256(hub secret, "shuniu/audit/v1")`. Whoever can write an audit topic but does
/// not hold the hub secret cannot append, or rewrite a suffix, that verifies: every record is
/// bound (there is no unsigned tail).
public struct AuditKey: Sendable {
    private let key: HMACKey

    /// The audit key of the hub whose secret is `secret`.
    public init(secret: HubSecret) {
        key = HMACKey(SHA256Digest.hmac(key: secret.bytes, message: Array("shuniu/audit/v1".utf8)))
    }

    /// The MAC of a record whose hash is `hash` (64 hex digits).
    public func mac(_ hash: String) -> String {
        key.hexMAC(hash)
    }
}

/// Bounds on the numbers an audit record carries: anything outside is reported, never
/// computed with (no `+ 1` overflow, no allocation sized by a record).
public enum AuditBounds {
    /// The largest `seq` of a record (2^53: exact in every JSON reader).
    public static let maximumSeq: Int64 = 1 << 53
    /// The largest segment number (`#<n>`): a segment per takeover, a million takeovers.
    public static let maximumSegment = 1_000_000
}

/// One audit record read back and checked: readable, numbers in range, hash and MAC valid.
public struct SealedAuditRecord: Sendable {
    /// The segment (`<chain>#<n>`).
    public let segment: String
    /// The chain without the segment number, and the number.
    public let base: String
    /// The segment number.
    public let number: Int
    /// `seq`.
    public let seq: Int64
    /// `prev`.
    public let prev: String
    /// `hash`.
    public let hash: String
    /// The record's fields (without `hash` and `mac`).
    public let row: Row

    /// Why a record is not a sealed audit record of this hub.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case unreadable
        case seqOutOfRange(String)
        case segmentOutOfRange(String)
        case hashMismatch
        case notSealed

        public var description: String {
            switch self {
            case .unreadable: "not a readable audit record"
            case .seqOutOfRange(let text): "seq \(text.prefix(40)) is outside 1...\(AuditBounds.maximumSeq)"
            case .segmentOutOfRange(let text): "chain \(text.prefix(80)) does not end in #<segment 0...\(AuditBounds.maximumSegment)>"
            case .hashMismatch: "content altered: its hash does not match"
            case .notSealed: "not sealed with the hub's audit key: written by someone without the hub secret"
            }
        }
    }

    /// Checks `bytes` under `key`.
    public static func open(_ bytes: [UInt8], key: AuditKey) -> Result<SealedAuditRecord, Problem> {
        guard var row = try? Row.parse(bytes: bytes), let segment = row["chain"]?.stringValue,
              let seqText = row["seq"]?.numberText, let prev = row["prev"]?.stringValue,
              let hash = row["hash"]?.stringValue else { return .failure(.unreadable) }
        guard let seq = Int64(seqText), seq >= 1, seq <= AuditBounds.maximumSeq else { return .failure(.seqOutOfRange(seqText)) }
        guard let (base, number) = AuditChain.split(segment) else { return .failure(.segmentOutOfRange(segment)) }
        let mac = row["mac"]?.stringValue
        row["hash"] = nil
        row["mac"] = nil
        guard AuditChain.hash(prev: prev, body: row.serialized()) == hash else { return .failure(.hashMismatch) }
        guard mac == key.mac(hash) else { return .failure(.notSealed) }
        return .success(SealedAuditRecord(segment: segment, base: base, number: number, seq: seq, prev: prev, hash: hash, row: row))
    }
}
