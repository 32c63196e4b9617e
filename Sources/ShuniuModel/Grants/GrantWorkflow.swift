/// The share-by-function rules (依职能共享) as a pure state machine: commands become
/// `ctl.grants` events, and `check` validates any event against the table it would change.
///
/// - A theme whose share type is `none` is refused at application.
/// - The applicant must hold the function, and the theme must entitle that function.
/// - An unconditional theme is approved by the hub's compliance check at once; a conditional
///   one waits for its authoritative provider, whose refusal needs a reason.
/// - The compliance check also enforces the catalogue: a district body's grants are scoped to
///   its district (`DistrictScope`), field sensitivity sets a minimum (`SensitivityPolicy`: a
///   secret field waits for the provider even on an unconditional theme), and masks on
///   identifiers are consistent across a department's grants (`MaskConsistency`).
/// - Only the arbitration body can overturn a refusal (or confirm it).
/// - Only the provider or the subscriber can revoke an approved grant, with a reason.
public struct GrantWorkflow: Sendable {
    /// Who approves unconditional themes after the compliance check.
    public static let hub = "hub"

    /// The catalogue the rules read.
    public let catalogue: Catalogue

    /// A workflow over this catalogue.
    public init(catalogue: Catalogue) { self.catalogue = catalogue }

    /// Events for a new application: `applied`, plus `approved` by the hub for an
    /// unconditional theme when no delivered field raises the decision to the provider
    /// (`SensitivityPolicy`).
    public func apply(_ application: GrantApplication, id: String, at time: String,
                      table: GrantTable) throws(GrantRefusal) -> [GrantEvent] {
        let applied = GrantEvent(kind: .applied, grant: id, by: application.subscriber, at: time, application: application)
        try check(applied, against: table)
        guard let theme = catalogue.theme(application.theme), decider(of: application).decision == .hub else { return [applied] }
        let approval = GrantEvent(kind: .approved, grant: id, by: Self.hub, at: time,
                                  reason: "compliance check passed: \(application.subscriber) holds \(application.function), to which \(theme.id) is entitled; no secret field")
        return [applied, approval]
    }

    /// The provider's decision on a pending application.
    public func decide(_ id: String, approve: Bool, by department: String, reason: String?, at time: String,
                       table: GrantTable) throws(GrantRefusal) -> GrantEvent {
        let event = GrantEvent(kind: approve ? .approved : .rejected, grant: id, by: department, at: time, reason: reason)
        try check(event, against: table)
        return event
    }

    /// The arbitration body's decision on a refused application.
    public func arbitrate(_ id: String, approve: Bool, reason: String, at time: String,
                          table: GrantTable) throws(GrantRefusal) -> GrantEvent {
        let event = GrantEvent(kind: .arbitrated, grant: id, by: catalogue.arbitration.id, at: time, reason: reason,
                               decision: approve ? "approve" : "reject")
        try check(event, against: table)
        return event
    }

    /// Ends an approved grant.
    public func revoke(_ id: String, by department: String, reason: String, at time: String,
                       table: GrantTable) throws(GrantRefusal) -> GrantEvent {
        let event = GrantEvent(kind: .revoked, grant: id, by: department, at: time, reason: reason)
        try check(event, against: table)
        return event
    }

    /// Checks that `event` may be applied to `table` under the rules.
    public func check(_ event: GrantEvent, against table: GrantTable) throws(GrantRefusal) {
        if event.kind == .applied {
            guard table.grant(event.grant) == nil else {
                throw GrantRefusal(.duplicateGrant, "grant \(event.grant) already exists")
            }
            guard let application = event.application else {
                throw GrantRefusal(.malformedEvent, "an applied event must carry its application")
            }
            try checkApplication(application)
            try checkCompliance(application, table: table, at: event.at)
            return
        }
        guard let grant = table.grant(event.grant) else {
            throw GrantRefusal(.unknownGrant, "no grant \(event.grant); list them with `shuniu grants list`")
        }
        guard let theme = catalogue.theme(grant.theme) else {
            throw GrantRefusal(.unknownTheme, "grant \(grant.id) names theme \(grant.theme), which is no longer in the catalogue")
        }
        switch event.kind {
        case .applied:
            break
        case .approved, .rejected:
            try require(grant, in: .applied, to: event.kind.rawValue)
            let (decision, field) = decider(of: grant.application)
            let automatic = event.kind == .approved && event.by == Self.hub && decision == .hub
            guard automatic || event.by == theme.provider else {
                let why = field.map { ", because \($0.name) is \($0.sensitivity.rawValue)" } ?? ""
                throw GrantRefusal(.notProvider, "only \(theme.provider), the authoritative provider of \(theme.id), decides on this application\(why) (not \(event.by))")
            }
            if event.kind == .rejected { try requireReason(event, "a refusal") }
            if event.kind == .approved { try checkStillConsistent(grant, table: table, at: event.at) }
        case .arbitrated:
            try require(grant, in: .rejected, to: "arbitrate")
            guard event.by == catalogue.arbitration.id else {
                throw GrantRefusal(.notArbitrator, "only the arbitration body \(catalogue.arbitration.id) can overturn a refusal")
            }
            guard event.decision == "approve" || event.decision == "reject" else {
                throw GrantRefusal(.malformedEvent, "an arbitration decision is approve or reject")
            }
            try requireReason(event, "an arbitration decision")
            if event.decision == "approve" { try checkStillConsistent(grant, table: table, at: event.at) }
        case .revoked:
            try require(grant, in: .approved, to: "revoke")
            guard event.by == theme.provider || event.by == grant.subscriber else {
                throw GrantRefusal(.notParty, "only the provider \(theme.provider) or the subscriber \(grant.subscriber) can revoke grant \(grant.id)")
            }
            try requireReason(event, "a revocation")
        }
    }

    /// A grant about to come into force must still be consistent with its subscriber's other
    /// grants (`MaskConsistency`): they may have changed since it was applied for.
    private func checkStillConsistent(_ grant: Grant, table: GrantTable, at time: String) throws(GrantRefusal) {
        try MaskConsistency.check(grant.application, id: grant.id, table: table, catalogue: catalogue, on: Self.day(of: time))
    }

    private func require(_ grant: Grant, in state: GrantState, to action: String) throws(GrantRefusal) {
        guard grant.state == state else {
            throw GrantRefusal(.wrongState, "cannot \(action) grant \(grant.id): it is \(grant.state.rawValue), not \(state.rawValue)")
        }
    }

    private func requireReason(_ event: GrantEvent, _ what: String) throws(GrantRefusal) {
        guard let reason = event.reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw GrantRefusal(.reasonRequired, "\(what) needs a reason (--reason \"...\")")
        }
    }
}
