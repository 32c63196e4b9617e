import ShuniuModel

/// The hash chains of `audit.exchange`: one chain per source partition (a source partition
/// has exactly one owner in the router group), written in segments.
///
/// Each time a router takes a source partition over, it starts a new segment of that
/// partition's chain, `src.<theme>/<partition>#<n>`, whose first record names where the
/// previous segment stood when it took over (`continues`: `#<n-1>@<seq>`). Records a dead
/// owner's last requests append later stay in their own segment, intact, instead of forking it.
///
/// Within a segment, a record's `hash` is `SHA-256(prev + "\n" + the record's bytes without
/// hash)`, `prev` is the previous record's hash (64 zeros for the first) and `seq` counts from 1.
/// After `hash` comes `mac`, the record's hash under the hub's `AuditKey`: only the hub can
/// seal a record that verifies.
/// Altering a record breaks its hash; removing or reordering one breaks `seq` and `prev`;
/// removing a segment, or records a later segment vouches for, breaks the segment links.
public struct AuditChain: Sendable {
    /// The hash that precedes the first record of every segment.
    public static let genesis = String(repeating: "0", count: 64)

    /// The last sequence number and hash of each segment written or seen.
    public private(set) var heads: [String: (seq: Int64, hash: String)] = [:]
    private var current: [String: String] = [:]
    private var continues: [String: String] = [:]

    private let key: AuditKey

    /// No chains yet; records are sealed with `key`.
    public init(key: AuditKey) { self.key = key }

    /// Takes over every chain that `seen` (the last record of each segment found on
    /// `audit.exchange`) shows: the next record of a chain opens a new segment after the
    /// latest one seen.
    public mutating func takeOver(seen: [String: (seq: Int64, hash: String)]) {
        var latest: [String: (number: Int, seq: Int64)] = [:]
        for (segment, head) in seen {
            guard let (base, number) = Self.split(segment), number < AuditBounds.maximumSegment,
                  head.seq >= 0, head.seq <= AuditBounds.maximumSeq else { continue }
            if number >= latest[base]?.number ?? -1 { latest[base] = (number, head.seq) }
        }
        for (base, last) in latest {
            let next = "\(base)#\(last.number + 1)"
            current[base] = next
            continues[next] = "#\(last.number)@\(last.seq)"
        }
    }

    /// Appends the decisions of one source record (`Router.decide`'s result) to its chain as
    /// one record (``AuditRecord``); returns the record's bytes for `audit.exchange`, or nil
    /// when there is no decision (no grant in force: nothing to record).
    public mutating func seal(_ decisions: [RoutingDecision]) -> (segment: String, record: [UInt8])? {
        guard let first = decisions.first else { return nil }
        return seal(chain: first.source.chain, fields: AuditRecord.fields(decisions))
    }

    /// Appends one decision to its chain as a record of its own.
    public mutating func seal(_ decision: RoutingDecision) -> (segment: String, record: [UInt8]) {
        seal(chain: decision.source.chain, fields: AuditRecord.fields([decision]))
    }

    /// Appends a record to the chain `base`: `chain`, `seq` and `prev`, then `fields` in
    /// order, then `continues` and `hash`. Every audit log of the hub (`audit.exchange`,
    /// `audit.access`) uses this one format, so one verifier checks them all.
    public mutating func seal(chain base: String, fields: [Row.Field]) -> (segment: String, record: [UInt8]) {
        let segment = current[base] ?? "\(base)#0"
        current[base] = segment
        let previous = heads[segment] ?? (0, Self.genesis)
        let link = previous.seq == 0 ? continues[segment] : nil
        var all: [Row.Field] = [
            .init(name: "chain", value: .string(segment)),
            .init(name: "seq", value: .number(String(previous.seq + 1))),
            .init(name: "prev", value: .string(previous.hash)),
        ]
        all.append(contentsOf: fields)
        all.append(.init(name: "continues", value: link.map { .string($0) } ?? .null))
        var record = Row(distinctFields: all).serialized()
        let hash = Self.hash(prev: previous.hash, body: record)
        heads[segment] = (previous.seq + 1, hash)
        // The same bytes as serializing the row with `hash` as its last member.
        record.removeLast()
        record.append(contentsOf: #","hash":""#.utf8)
        record.append(contentsOf: hash.utf8)
        record.append(contentsOf: #"","mac":""#.utf8)
        record.append(contentsOf: key.mac(hash).utf8)
        record.append(contentsOf: #""}"#.utf8)
        return (segment, record)
    }

    /// The hash of a record body that follows `prev`.
    public static func hash(prev: String, body: [UInt8]) -> String {
        var hasher = SHA256Hasher()
        hasher.update(prev)
        hasher.update(byte: 0x0A)
        hasher.update(body)
        return SHA256Digest.hex(hasher.finish())
    }

    /// `src.x/0#3` → (`src.x/0`, 3); nil unless the number is in 0...`AuditBounds.maximumSegment`.
    static func split(_ segment: String) -> (base: String, number: Int)? {
        guard let mark = segment.lastIndex(of: "#") else { return nil }
        let digits = segment[segment.index(after: mark)...]
        guard !digits.isEmpty, digits.count <= 7, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int(digits), number <= AuditBounds.maximumSegment else { return nil }
        return (String(segment[..<mark]), number)
    }
}
