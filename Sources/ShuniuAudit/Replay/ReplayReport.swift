import ShuniuRouter

/// A difference between a replayed routing decision and the audit records.
public struct ReplayDifference: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What kind of difference.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The replay decides a delivery (or rejection, or out-of-scope) the audit does not record.
        case deliveryWithoutAudit = "delivery-without-audit"
        /// The audit records a decision the replay does not make.
        case auditWithoutDelivery = "audit-without-delivery"
        /// Both decide for the same subscriber and grant, but not the same way (fields, digest...).
        case different
        /// A department's topic holds a record no sealed audit record confirms (same
        /// subscriber, same digest of key, headers and value): a delivery injected past the
        /// router, or one altered after it was written.
        case receivedWithoutAudit = "received-without-audit"
        /// An audit record of the theme's chains that is not sealed with the hub's audit key
        /// (forged or altered); replay does not count it as a record of anything.
        case unsealedAudit = "unsealed-audit"
    }

    /// What kind.
    public var kind: Kind
    /// The source record (`topic/partition/offset`).
    public var source: String
    /// The event's `ce_id`, when known.
    public var event: String
    /// The event's `ce_time`.
    public var time: String?
    /// What the replay decided.
    public var replayed: DecisionFacts?
    /// What the audit records.
    public var recorded: DecisionFacts?
    /// The audit record (`audit.exchange partition/offset`), when there is one.
    public var audit: String?
    /// The received record (`sub.<department> partition/offset`), for `received-without-audit`.
    public var received: String?
    /// The difference in words.
    public var detail: String

    /// Describes one difference.
    public init(kind: Kind, source: String, event: String, time: String?, replayed: DecisionFacts?, recorded: DecisionFacts?,
                audit: String?, received: String? = nil, detail: String) {
        self.kind = kind
        self.source = source
        self.event = event
        self.time = time
        self.replayed = replayed
        self.recorded = recorded
        self.audit = audit
        self.received = received
        self.detail = detail
    }

    public var description: String {
        let what = switch kind {
        case .deliveryWithoutAudit: "replay decides \(replayed?.description ?? "?"), no audit record"
        case .auditWithoutDelivery: "audit \(audit ?? "") records \(recorded?.description ?? "?"), replay does not decide it"
        case .different: "\(replayed?.subscriber ?? "") \(replayed?.grant ?? ""): \(detail) (audit \(audit ?? ""))"
        case .receivedWithoutAudit: "\(received ?? "") holds a record no audit record confirms: \(detail)"
        case .unsealedAudit: "audit \(audit ?? "") \(recorded.map { "records \($0) but " } ?? "")is not sealed by this hub: \(detail)"
        }
        return "\(source) \(event): \(kind.rawValue): \(what)"
    }
}

/// The result of replaying a theme: counts, and every difference in the window.
public struct ReplayReport: Sendable, Hashable, Codable {
    /// The theme.
    public var theme: String
    /// The window reported.
    public var window: TimeWindow
    /// Source records replayed (all of them: scope memory needs the whole partition).
    public var records = 0
    /// Source records whose `ce_time` is in the window.
    public var recordsInWindow = 0
    /// Decisions compared in the window.
    public var decisions = 0
    /// Records whose recorded decisions match only under a grant prefix earlier than the
    /// latest the router could have had (a grant change that landed while the record's batch
    /// was in hand: the router's one-batch bound).
    public var routedBeforeGrantChange = 0
    /// Chain segments whose records match only with empty scope memory at their start (a
    /// router process that started there, rather than a rebalance inside a running one).
    public var segmentsAfterRestart = 0
    /// Routings cut off by a crash: the last record of a chain segment, routed again in a
    /// later segment, with only part of its audit records on the broker.
    public var routingsCutOff = 0
    /// Records of `sub.<department>` topics read that claim the theme (each must be confirmed
    /// by a sealed audit record of a delivery to that department with the same digest).
    public var received = 0
    /// Records of `sub.<department>` topics that claim no theme at all (every replay reports them).
    public var receivedUnattributed = 0
    /// Records of the theme's audit chains refused as not sealed by this hub.
    public var unsealedAuditRecords = 0
    /// Differences in the window, in partition and offset order.
    public var differences: [ReplayDifference] = []
    /// Differences outside the window.
    public var differencesOutsideWindow = 0

    /// An empty report.
    public init(theme: String, window: TimeWindow) {
        self.theme = theme
        self.window = window
    }

    /// True when the replay agrees with the audit everywhere in the window.
    public var isClean: Bool { differences.isEmpty }

    /// Adds another partition's report.
    public mutating func merge(_ other: ReplayReport) {
        records += other.records
        recordsInWindow += other.recordsInWindow
        decisions += other.decisions
        routedBeforeGrantChange += other.routedBeforeGrantChange
        segmentsAfterRestart += other.segmentsAfterRestart
        routingsCutOff += other.routingsCutOff
        received += other.received
        receivedUnattributed += other.receivedUnattributed
        unsealedAuditRecords += other.unsealedAuditRecords
        differences += other.differences
        differencesOutsideWindow += other.differencesOutsideWindow
    }

    mutating func add(_ run: RoutingReplay.Run, recorded: [AuditedDecision], source: SourcePosition, event: String, time: String?,
                      cutOff: Bool = false) {
        let inWindow = window.contains(time)
        if inWindow {
            recordsInWindow += 1
            decisions += max(run.facts.count, recorded.count)
        }
        if run.matched {
            if run.earlierGrants { routedBeforeGrantChange += 1 }
            return
        }
        if cutOff {
            routingsCutOff += 1
            return
        }
        var found: [ReplayDifference] = []
        let bySlot = Dictionary(recorded.map { ($0.facts.slot, $0) }, uniquingKeysWith: { first, _ in first })
        let replayedSlots = Dictionary(run.facts.map { ($0.slot, $0) }, uniquingKeysWith: { first, _ in first })
        for facts in run.facts {
            guard let audit = bySlot[facts.slot] else {
                found.append(ReplayDifference(kind: .deliveryWithoutAudit, source: source.description, event: event, time: time,
                                              replayed: facts, recorded: nil, audit: nil, detail: "no audit record"))
                continue
            }
            let changes = facts.differences(from: audit.facts)
            guard !changes.isEmpty else { continue }
            found.append(ReplayDifference(kind: .different, source: source.description, event: audit.event, time: time,
                                          replayed: facts, recorded: audit.facts, audit: audit.position,
                                          detail: "recorded → replayed: " + changes.joined(separator: ", ")))
        }
        for audit in recorded where replayedSlots[audit.facts.slot] == nil {
            found.append(ReplayDifference(kind: .auditWithoutDelivery, source: source.description, event: audit.event, time: time,
                                          replayed: nil, recorded: audit.facts, audit: audit.position,
                                          detail: "the replay makes no decision for this subscriber and grant"))
        }
        if inWindow { differences += found } else { differencesOutsideWindow += found.count }
    }

    /// Reports each audit record of the theme's chains that is not sealed by this hub (in
    /// every window: its time cannot be trusted).
    public mutating func check(unsealed: [UnsealedAuditRecord]) {
        unsealedAuditRecords += unsealed.count
        for record in unsealed {
            differences.append(ReplayDifference(kind: .unsealedAudit, source: "-", event: "", time: nil, replayed: nil,
                                                recorded: record.facts, audit: record.position, detail: record.problem))
        }
    }

    /// Reports each record of a department's topic that claims the theme (or no theme) and
    /// that no sealed audit record of a delivery to that department with the same envelope
    /// digest confirms. Unattributed records are reported whatever the window.
    public mutating func check(received: [ReceivedRecord], unattributed: [ReceivedRecord], audited: some Sequence<AuditedDecision>) {
        var confirmed: Set<String> = []
        for audit in audited where audit.facts.decision == RoutingDecision.Outcome.delivered.rawValue {
            if let envelope = audit.facts.envelope { confirmed.insert("\(audit.facts.subscriber)|\(envelope)") }
        }
        self.received += received.count
        receivedUnattributed += unattributed.count
        for record in received where !confirmed.contains("\(record.subscriber)|\(record.envelope)") {
            let difference = ReplayDifference(
                kind: .receivedWithoutAudit, source: record.claimedSource ?? "-", event: record.event, time: record.time,
                replayed: nil, recorded: nil, audit: nil, received: record.position,
                detail: "no audit record of a delivery to \(record.subscriber) with digest \(record.envelope.prefix(12))")
            if window.contains(record.time) { differences.append(difference) } else { differencesOutsideWindow += 1 }
        }
        for record in unattributed {
            differences.append(ReplayDifference(
                kind: .receivedWithoutAudit, source: record.claimedSource ?? "-", event: record.event, time: record.time,
                replayed: nil, recorded: nil, audit: nil, received: record.position,
                detail: "it names no source record of any theme (no shuniu_source or ce_type of the catalogue)"))
        }
    }
}
