import ShuniuModel

/// The audit record format of `audit.exchange`: a flat JSON object, **one per source record
/// routed**, stating every decision made on it (format 2, since issue 14; docs/router.md).
///
/// Members, in order: `chain` (the segment), `seq`, `prev`, then what the decisions share:
/// `event` (ce_id), `theme`, `provider`, `subject`, `time` (ce_time), `source`
/// (topic/partition/offset), `decisions` (how many), then for each decision `n` (from 1)
/// `n.decision` (delivered / out-of-scope / rejected) and, when they have a value,
/// `n.subscriber`, `n.grant`, `n.basis`, `n.action`, `n.fields` (comma-separated names
/// delivered), `n.sha256` (of exactly the value delivered), `n.envelope` (SHA-256 of the whole
/// delivered record: key, every header, value; `DeliveredEnvelope.digest`), `n.delivery` (the
/// delivered `ce_id`), `n.reason`, `n.held` (a scoped grant's subscriber now holds the
/// subject: true / no longer: false; what a new owner rebuilds the scope memory from); then
/// `continues` (first record of a segment: `#<n-1>@<seq>`), `hash`, `mac` (`AuditKey`).
///
/// Format 1 (before issue 14) wrote one record per decision with the same names unnumbered
/// (`decision`, `subscriber`, ...). Readers take both: ``decisions(of:)`` turns either into
/// one row per decision, so audits written before the change still replay and verify.
public enum AuditRecord {
    /// The members of the decisions of one source record, between `prev` and `continues`.
    /// `decisions` share their event and source (they are one `RoutingResult`).
    static func fields(_ decisions: [RoutingDecision]) -> [Row.Field] {
        guard let first = decisions.first else { return [] }
        var fields: [Row.Field] = []
        fields.reserveCapacity(7 + decisions.count * 9)
        fields.append(.init(name: "event", value: .string(first.eventID)))
        fields.append(.init(name: "theme", value: .string(first.theme)))
        fields.append(.init(name: "provider", value: .string(first.provider)))
        fields.append(.init(name: "subject", value: .string(first.subject)))
        fields.append(.init(name: "time", value: .string(first.time)))
        fields.append(.init(name: "source", value: .string(first.source.description)))
        fields.append(.init(name: "decisions", value: .number(String(decisions.count))))
        for (index, decision) in decisions.enumerated() {
            let names = Self.names(index + 1)
            func add(_ slot: Slot, _ value: String?) {
                if let value { fields.append(.init(name: names[slot.rawValue], value: .string(value))) }
            }
            add(.decision, decision.outcome.rawValue)
            add(.subscriber, decision.subscriber)
            add(.grant, decision.grantID)
            add(.basis, decision.basis)
            add(.action, decision.action?.rawValue)
            add(.fields, decision.fields.isEmpty ? nil : decision.fields.joined(separator: ","))
            add(.sha256, decision.valueDigest)
            add(.envelope, decision.envelopeDigest)
            add(.delivery, decision.outcome == .delivered ? decision.deliveryID : nil)
            add(.reason, decision.reason)
            if let held = decision.held { fields.append(.init(name: names[Slot.held.rawValue], value: .bool(held))) }
        }
        return fields
    }

    /// One row per decision an `audit.exchange` record states, each with the record's shared
    /// members (`chain`, `seq`, `event`, `subject`, `source`, ...) and the decision's own under
    /// their format-1 names (`decision`, `subscriber`, `grant`, ...). A format-1 record is its
    /// own single decision. Empty for a row that is neither (no `decision` nor a `decisions`
    /// count between 1 and the row's own size).
    public static func decisions(of row: Row) -> [Row] {
        if row["decision"] != nil { return [row] }
        guard let text = row["decisions"]?.numberText, text.utf8.count <= 6, let count = Int(text),
              count >= 1, count <= row.count else { return [] }
        var shared: [Row.Field] = []
        var own = [[Row.Field]](repeating: [], count: count)
        for field in row.fields {
            guard let (index, name) = numbered(field.name) else {
                if field.name != "decisions" { shared.append(field) }
                continue
            }
            guard index >= 1, index <= count else { return [] }
            own[index - 1].append(.init(name: name, value: field.value))
        }
        // A numbered decision without its outcome is not a decision.
        guard own.allSatisfy({ $0.contains { $0.name == "decision" } }) else { return [] }
        return own.map { Row(shared + $0) }
    }

    /// `12.grant` → (12, `grant`); nil for a name that does not start with digits and a dot.
    private static func numbered(_ name: String) -> (Int, String)? {
        let utf8 = name.utf8
        guard let dot = utf8.firstIndex(of: UInt8(ascii: ".")), dot != utf8.startIndex,
              utf8.distance(from: utf8.startIndex, to: dot) <= 6,
              utf8[..<dot].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let index = Int(Substring(name[..<dot])) else { return nil }
        return (index, String(name[name.index(after: dot)...]))
    }

    /// The per-decision members, in the order they are written.
    enum Slot: Int, CaseIterable {
        case decision, subscriber, grant, basis, action, fields, sha256, envelope, delivery, reason, held

        var name: String {
            switch self {
            case .decision: "decision"
            case .subscriber: "subscriber"
            case .grant: "grant"
            case .basis: "basis"
            case .action: "action"
            case .fields: "fields"
            case .sha256: "sha256"
            case .envelope: "envelope"
            case .delivery: "delivery"
            case .reason: "reason"
            case .held: "held"
            }
        }
    }

    /// The member names of decision `number`, built once for the first 32 (no string
    /// building per routed record).
    private static func names(_ number: Int) -> [String] {
        number <= prepared.count ? prepared[number - 1] : Slot.allCases.map { "\(number).\($0.name)" }
    }

    private static let prepared: [[String]] = (1...32).map { number in Slot.allCases.map { "\(number).\($0.name)" } }
}
