import ShuniuModel
import ShuniuRouter

extension TracedDelivery {
    /// The delivery a replayed routing decision made, as `audit` (the audit record that
    /// confirms it) states it; nil for anything but a delivered row (a delete delivers none).
    /// `keyField` is the theme's subject key field; `keys` the router's pseudonym keys.
    public init?(_ decision: RoutingDecision, audit: AuditedDecision, keyField: String?, keys: PseudonymKeys) {
        guard decision.outcome == .delivered, let department = decision.subscriber, let grant = decision.grantID,
              !decision.value.isEmpty, let row = try? Row.parse(bytes: decision.value), let sha256 = audit.facts.sha256 else { return nil }
        // The record key and ce_subject: the subject when the grant delivers its key field
        // clear, else the department's pseudonym of it (DESIGN.md, "Delivery").
        let clear = keyField.map { row[$0] == .string(decision.subject) } ?? false
        self.init(department: department, grant: grant, basis: decision.basis, theme: decision.theme, subject: decision.subject,
                  recordKey: clear ? decision.subject : keys.pseudonym(decision.subject, for: department),
                  event: decision.eventID, eventTime: decision.time, deliveredAt: audit.timestamp,
                  source: decision.source.description, audit: audit.position, row: row, sha256: sha256)
    }
}
