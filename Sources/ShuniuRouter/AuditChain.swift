import ShuniuModel

/// The hash chains of `audit.exchange`: one chain per source partition (a source partition
/// has exactly one owner in the router group, so each chain has one writer at a time).
///
/// A record is a flat JSON object (see `AuditRecord`); its `hash` is
/// `SHA-256(prev + "\n" + the record's bytes without hash)`, and `prev` is the previous
/// record's hash in the same chain (64 zeros for the first). Altering a record breaks its
/// hash; removing or reordering one breaks `seq` and `prev` of the next.
public struct AuditChain: Sendable {
    /// The hash that precedes the first record of every chain.
    public static let genesis = String(repeating: "0", count: 64)

    /// The last sequence number and hash of each chain.
    public private(set) var heads: [String: (seq: Int64, hash: String)] = [:]

    /// No chains yet.
    public init() {}

    /// Continues `chain` after a record written earlier (by this or a previous owner).
    public mutating func restore(chain: String, seq: Int64, hash: String) {
        heads[chain] = (seq, hash)
    }

    /// Appends a decision to its chain; returns the record's bytes for `audit.exchange`.
    public mutating func seal(_ decision: RoutingDecision) -> [UInt8] {
        let chain = decision.source.chain
        let previous = heads[chain] ?? (0, Self.genesis)
        var record = AuditRecord.body(decision, chain: chain, seq: previous.seq + 1, prev: previous.hash).serialized()
        let hash = Self.hash(prev: previous.hash, body: record)
        heads[chain] = (previous.seq + 1, hash)
        // The same bytes as serializing the row with `hash` as its last member.
        record.removeLast()
        record.append(contentsOf: #","hash":""#.utf8)
        record.append(contentsOf: hash.utf8)
        record.append(contentsOf: #""}"#.utf8)
        return record
    }

    /// The hash of a record body that follows `prev`.
    public static func hash(prev: String, body: [UInt8]) -> String {
        SHA256Digest.hex(SHA256Digest.hash(Array(prev.utf8) + [0x0A] + body))
    }
}

/// The audit record format: a flat JSON object, one per routing decision.
///
/// Fields, in order: `chain`, `seq`, `prev`, `decision` (delivered / out-of-scope /
/// rejected), `event` (ce_id), `theme`, `provider`, `subject`, `time` (ce_time), `subscriber`,
/// `grant`, `basis`, `action`, `fields` (comma-separated names delivered), `sha256` (of exactly
/// the value delivered), `source` (topic/partition/offset), `reason`, `hash`.
public enum AuditRecord {
    static func body(_ decision: RoutingDecision, chain: String, seq: Int64, prev: String) -> Row {
        func text(_ value: String?) -> JSONScalar { value.map { .string($0) } ?? .null }
        return Row(distinctFields: [
            .init(name: "chain", value: .string(chain)),
            .init(name: "seq", value: .number(String(seq))),
            .init(name: "prev", value: .string(prev)),
            .init(name: "decision", value: .string(decision.outcome.rawValue)),
            .init(name: "event", value: .string(decision.eventID)),
            .init(name: "theme", value: .string(decision.theme)),
            .init(name: "provider", value: .string(decision.provider)),
            .init(name: "subject", value: .string(decision.subject)),
            .init(name: "time", value: .string(decision.time)),
            .init(name: "subscriber", value: text(decision.subscriber)),
            .init(name: "grant", value: text(decision.grantID)),
            .init(name: "basis", value: text(decision.basis)),
            .init(name: "action", value: text(decision.action?.rawValue)),
            .init(name: "fields", value: .string(decision.fields.joined(separator: ","))),
            .init(name: "sha256", value: decision.outcome == .delivered ? .string(SHA256Digest.hex(SHA256Digest.hash(decision.value))) : .null),
            .init(name: "source", value: .string(decision.source.description)),
            .init(name: "reason", value: text(decision.reason)),
        ])
    }
}
