import ShuniuModel
import ShuniuRouter

/// One audit log (`audit.exchange` or `audit.access`) checked with `AuditVerifier`, and the
/// part of it a time window reports.
///
/// Every record is checked, whatever the window: a chain cannot be verified from its middle.
/// Only the report is bounded: a break counts as inside the window when the broken record's
/// own `time` is in it, or when its time cannot be read (an unreadable record, a missing
/// segment); the others are counted as outside.
public struct AuditLogCheck: Sendable {
    /// The topic checked.
    public let topic: String
    /// The window reported.
    public let window: TimeWindow
    private var verifier: AuditVerifier
    /// Records whose `time` falls in the window.
    public private(set) var recordsInWindow = 0
    private var times: [Int: String?] = [:]

    /// A check of `topic` that reports `window`, records sealed with `key`, against the
    /// checkpointed hashes `checkpoints` (segment → seq → hash) if any.
    public init(topic: String, window: TimeWindow = .all, key: AuditKey, checkpoints: [String: [Int64: String]] = [:]) {
        self.topic = topic
        self.window = window
        verifier = AuditVerifier(key: key)
        verifier.expect(checkpoints)
    }

    /// The last (seq, hash) of every segment whose records verified.
    public var heads: [String: (seq: Int64, hash: String)] { verifier.heads }

    /// Checks the next record of a partition (records of a partition in offset order).
    public mutating func check(_ bytes: [UInt8], partition: Int32, offset: Int64) {
        let before = verifier.breaks.count
        verifier.check(bytes, position: "\(partition)/\(offset)")
        let time = Self.time(of: bytes)
        if window.contains(time) && time != nil { recordsInWindow += 1 }
        if verifier.breaks.count > before { times[verifier.breaks.count - 1] = time }
    }

    /// The result so far, chain links between segments included.
    public var summary: AuditLogSummary {
        var inside: [AuditBreak] = []
        var outside = 0
        for (index, found) in verifier.breaks.enumerated() {
            let time = times[index] ?? nil
            guard window.contains(time) else { outside += 1; continue }
            inside.append(AuditBreak(topic: topic, found, time: time))
        }
        inside += verifier.linkBreaks.map { AuditBreak(topic: topic, $0, time: nil) }
        inside += verifier.checkpointBreaks.map { AuditBreak(topic: topic, $0, time: nil) }
        let segments = verifier.heads.keys
        let chains = Set(segments.map { segment in segment.lastIndex(of: "#").map { String(segment[..<$0]) } ?? segment })
        return AuditLogSummary(topic: topic, records: verifier.records, recordsInWindow: recordsInWindow,
                               chains: chains.count, segments: segments.count, duplicates: verifier.duplicates,
                               breaks: inside, breaksOutsideWindow: outside)
    }

    /// The record's `time` member, read without parsing the whole record when it is readable.
    static func time(of bytes: [UInt8]) -> String? {
        guard let row = try? Row.parse(bytes: bytes) else { return nil }
        return row["time"]?.stringValue
    }
}

/// What checking one audit log found.
public struct AuditLogSummary: Sendable, Hashable, Codable {
    /// The topic.
    public var topic: String
    /// Records checked (all of them, whatever the window).
    public var records: Int
    /// Records whose own time falls in the window.
    public var recordsInWindow: Int
    /// Chains (source partitions, access writers).
    public var chains: Int
    /// Chain segments.
    public var segments: Int
    /// Exact repeats (at-least-once re-sends), not breaks.
    public var duplicates: Int
    /// Breaks reported (in the window, or of unknown time), in the order found.
    public var breaks: [AuditBreak]
    /// Breaks in records whose time lies outside the window.
    public var breaksOutsideWindow: Int
}

/// One break of an audit chain, with its position.
public struct AuditBreak: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The audit topic.
    public var topic: String
    /// `partition/offset` of the offending record, `-` for a link between segments.
    public var position: String
    /// The chain segment.
    public var chain: String
    /// The record's `seq` (-1 when unreadable or for a missing segment).
    public var seq: Int64
    /// What is wrong.
    public var problem: String
    /// The record's own time, when readable.
    public var time: String?

    init(topic: String, _ found: AuditVerifier.Break, time: String?) {
        self.topic = topic
        position = found.position
        chain = found.chain
        seq = found.seq
        problem = found.problem
        self.time = time
    }

    public var description: String { "\(topic) \(position): chain \(chain) seq \(seq): \(problem)" }
}

/// The result of `shuniu audit verify`: every audit log checked.
public struct AuditVerification: Sendable, Hashable, Codable {
    /// The window reported.
    public var window: TimeWindow
    /// One summary per audit log.
    public var logs: [AuditLogSummary]
    /// True when no break is reported in the window (also in the JSON, as `intact`).
    public var intact: Bool

    /// Wraps checked logs.
    public init(window: TimeWindow, logs: [AuditLogSummary]) {
        self.window = window
        self.logs = logs
        intact = logs.allSatisfy(\.breaks.isEmpty)
    }

    /// Every break reported, log by log.
    public var breaks: [AuditBreak] { logs.flatMap(\.breaks) }

    /// True when no break is reported.
    public var isIntact: Bool { intact }
}
