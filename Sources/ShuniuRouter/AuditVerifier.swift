import ShuniuModel

/// Checks audit chains record by record: each record's hash matches its content and its
/// predecessor, `seq` counts up by one and `prev` names the previous record of its chain.
///
/// Feed it each audit partition's records in offset order. An exact repeat of a chain's last
/// record (the same `seq` and `hash`, as an at-least-once re-send can produce) is counted as
/// a duplicate, not a break. Removing the newest records of a chain cannot be seen from the
/// chain alone; compare the chain's `seq` with the router's counters for that.
public struct AuditVerifier: Sendable {
    /// A chain that does not hold, with where and why.
    public struct Break: Sendable, Hashable, CustomStringConvertible {
        /// Where the offending record sits in `audit.exchange` (`partition/offset`).
        public var position: String
        /// The chain.
        public var chain: String
        /// The record's `seq` (or -1 when unreadable).
        public var seq: Int64
        /// What is wrong.
        public var problem: String

        public var description: String { "audit.exchange \(position): chain \(chain) seq \(seq): \(problem)" }
    }

    /// Records checked.
    public private(set) var records = 0
    /// Exact repeats seen.
    public private(set) var duplicates = 0
    /// Every break found, in the order found.
    public private(set) var breaks: [Break] = []
    /// The last (seq, hash) of each chain segment.
    public private(set) var heads: [String: (seq: Int64, hash: String)] = [:]
    /// Each segment's link to its predecessor (`#n@seq`), from its first record.
    private var links: [String: String] = [:]

    /// A verifier that has seen nothing.
    public init() {}

    /// Checks one audit record.
    public mutating func check(_ bytes: [UInt8], position: String) {
        records += 1
        guard var row = try? Row.parse(bytes: bytes), let chain = row["chain"]?.stringValue,
              let seq = row["seq"]?.numberText.flatMap({ Int64($0) }), let prev = row["prev"]?.stringValue,
              let hash = row["hash"]?.stringValue else {
            breaks.append(Break(position: position, chain: "?", seq: -1, problem: "not a readable audit record"))
            return
        }
        row["hash"] = nil
        let expectedHash = AuditChain.hash(prev: prev, body: row.serialized())
        guard expectedHash == hash else {
            breaks.append(Break(position: position, chain: chain, seq: seq, problem: "content altered: its hash does not match"))
            return
        }
        let last = heads[chain] ?? (0, AuditChain.genesis)
        if seq == 1, let continues = row["continues"]?.stringValue { links[chain] = continues }
        if seq == last.seq && hash == last.hash {
            duplicates += 1
            return
        }
        if seq != last.seq + 1 {
            let problem = seq > last.seq + 1 ? "records \(last.seq + 1)...\(seq - 1) missing (removed)"
                : "out of order: seq \(seq) after \(last.seq)"
            breaks.append(Break(position: position, chain: chain, seq: seq, problem: problem))
        } else if prev != last.hash {
            breaks.append(Break(position: position, chain: chain, seq: seq, problem: "prev does not name the previous record (reordered or replaced)"))
        }
        heads[chain] = (seq, hash)
    }

    /// Breaks between segments: a segment missing, or a segment that vouches for more
    /// records of its predecessor than the predecessor has (its tail was removed).
    public var linkBreaks: [Break] {
        var segments: [String: [Int: String]] = [:]
        for segment in heads.keys {
            guard let (base, number) = AuditChain.split(segment) else { continue }
            segments[base, default: [:]][number] = segment
        }
        var found: [Break] = []
        for (base, numbers) in segments.sorted(by: { $0.key < $1.key }) {
            for number in 0...(numbers.keys.max() ?? 0) {
                guard let segment = numbers[number] else {
                    found.append(Break(position: "-", chain: "\(base)#\(number)", seq: -1, problem: "segment missing (removed)"))
                    continue
                }
                guard number > 0 else { continue }
                let link = links[segment] ?? ""
                let vouched = Int64(link.split(separator: "@").last ?? "") ?? -1
                let previous = heads["\(base)#\(number - 1)"]?.seq ?? 0
                if !link.hasPrefix("#\(number - 1)@") || vouched > previous {
                    found.append(Break(position: "-", chain: segment, seq: 1,
                                       problem: "continues \(link.isEmpty ? "nothing" : link) but segment #\(number - 1) ends at seq \(previous) (records removed)"))
                }
            }
        }
        return found
    }

    /// True when no break was found, within segments or between them.
    public var isIntact: Bool { breaks.isEmpty && linkBreaks.isEmpty }
}
