import ShuniuModel

/// Checks audit chains record by record: each record's hash matches its content and its
/// predecessor, its MAC is the hub's (`AuditKey`), its numbers are in range (`AuditBounds`),
/// `seq` counts up by one and `prev` names the previous record of its chain. A record that is
/// not the hub's is reported and does not count for its chain, so a suffix appended or
/// rewritten by someone without the hub secret is found. Checkpoints exported earlier
/// (`expect(_:)`) find a history rewritten or truncated even by a holder of the key.
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
    private let key: AuditKey
    /// Checkpointed hashes by segment and seq, and which of them were seen.
    private var expected: [String: [Int64: String]] = [:]
    private var confirmed: [String: Set<Int64>] = [:]

    /// A verifier that has seen nothing and checks MACs with `key`.
    public init(key: AuditKey) { self.key = key }

    /// Hashes the chains must hold (segment → seq → hash), from signed checkpoints.
    public mutating func expect(_ checkpoints: [String: [Int64: String]]) {
        for (segment, entries) in checkpoints { expected[segment, default: [:]].merge(entries) { first, _ in first } }
    }

    /// Checks one audit record.
    public mutating func check(_ bytes: [UInt8], position: String) {
        records += 1
        let record: SealedAuditRecord
        switch SealedAuditRecord.open(bytes, key: key) {
        case .success(let sealed): record = sealed
        case .failure(let problem):
            let row = try? Row.parse(bytes: bytes)
            let chain = row?["chain"]?.stringValue.map { String($0.prefix(120)) } ?? "?"
            let seq = row?["seq"]?.numberText.flatMap { Int64($0) } ?? -1
            breaks.append(Break(position: position, chain: chain, seq: seq, problem: problem.description))
            return
        }
        let (chain, seq, prev, hash) = (record.segment, record.seq, record.prev, record.hash)
        if let want = expected[chain]?[seq] {
            if want != hash {
                breaks.append(Break(position: position, chain: chain, seq: seq,
                                    problem: "differs from the signed checkpoint (history rewritten after the checkpoint was exported)"))
            } else {
                confirmed[chain, default: []].insert(seq)
            }
        }
        let last = heads[chain] ?? (0, AuditChain.genesis)
        if seq == 1, let continues = record.row["continues"]?.stringValue { links[chain] = continues }
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

    /// Checkpointed records the topic no longer holds: it was truncated, or a segment removed.
    public var checkpointBreaks: [Break] {
        var found: [Break] = []
        for (segment, entries) in expected.sorted(by: { $0.key < $1.key }) {
            let seen = confirmed[segment] ?? []
            for (seq, _) in entries.sorted(by: { $0.key < $1.key }) where !seen.contains(seq) {
                let held = heads[segment]?.seq ?? 0
                if held < seq {
                    found.append(Break(position: "-", chain: segment, seq: seq,
                                       problem: "the signed checkpoint holds seq \(seq), the topic ends at seq \(held) (truncated)"))
                }
            }
        }
        return found
    }

    /// True when no break was found, within segments, between them or against checkpoints.
    public var isIntact: Bool { breaks.isEmpty && linkBreaks.isEmpty && checkpointBreaks.isEmpty }
}
