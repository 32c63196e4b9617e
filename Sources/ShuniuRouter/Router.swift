import ShuniuModel

/// Share-by-function routing as a pure function: one source record and the grant table in,
/// decisions out. No Kafka, no clock: the router service feeds it, and audit replay calls the
/// same function on the same inputs.
public struct Router: Sendable {
    /// The catalogue events are validated against.
    public let catalogue: Catalogue
    private let validator: EventValidator
    /// Each department's pseudonym key, derived from the hub secret.
    public let keys: PseudonymKeys

    /// A router over `catalogue`; `secret` derives each receiving department's pseudonym key.
    public init(catalogue: Catalogue, secret: HubSecret) {
        self.catalogue = catalogue
        validator = EventValidator(catalogue: catalogue)
        keys = PseudonymKeys(secret: secret, catalogue: catalogue)
    }

    /// Decides the fate of one source record for every grant in force on its theme.
    ///
    /// A record that fails validation, names another theme than its topic's, or comes from a
    /// department that is not the theme's authoritative provider yields one `rejected`
    /// decision. Otherwise each grant in force (on the event's own date) yields `delivered`
    /// (only granted fields, masked) or `out-of-scope`.
    public func decide(key: [UInt8]?, headers: [EnvelopeHeader], value: [UInt8], source: SourcePosition,
                       grants: GrantTable, scope: inout ScopeMemory) -> RoutingResult {
        let topicTheme = source.topic.hasPrefix("src.") ? String(source.topic.dropFirst(4)) : source.topic
        let validated: ValidatedEvent
        do {
            validated = try validator.validate(key: key, headers: headers, value: value)
        } catch {
            let event = try? ChangeEventCodec.decode(key: key, headers: headers, value: value)
            return RoutingResult(event: nil, decisions: [rejection(error.code.rawValue, error.message, event: event, theme: topicTheme, source: source)])
        }
        let event = validated.event
        guard event.theme == topicTheme else {
            return RoutingResult(event: nil, decisions: [rejection(
                "wrong-topic", "a \(event.theme) event was published to \(source.topic); publish it to src.\(event.theme)",
                event: event, theme: topicTheme, source: source)])
        }
        let day = CalendarDate(iso: event.time.prefix(10))
        let theme = catalogue.theme(event.theme)
        let decisions = grants.inForce(theme: event.theme, on: day).map { grant in
            decide(event, row: validated.row, grant: grant, source: source, scope: &scope, headers: headers, theme: theme)
        }
        return RoutingResult(event: event, decisions: decisions)
    }

    private func decide(_ event: ChangeEvent, row: Row?, grant: Grant, source: SourcePosition,
                        scope: inout ScopeMemory, headers: [EnvelopeHeader], theme: Theme?) -> RoutingDecision {
        var decision = RoutingDecision(outcome: .delivered, eventID: event.id, theme: event.theme, provider: event.source,
                                       subject: event.subject, time: event.time, subscriber: grant.subscriber,
                                       grantID: grant.id, basis: grant.application.basis, action: event.action,
                                       fields: [], value: [], reason: nil, message: nil, source: source)
        let scoped = !grant.scope.isEmpty
        if let row, grant.covers(row) {
            if scoped {
                scope.remember(grant: grant.id, subject: event.subject)
                decision.held = true
            }
            let delivered = grant.deliver(row, keys: keys)
            decision.fields = delivered.names
            decision.value = delivered.serialized()
        } else if row == nil, !scoped || scope.holds(grant: grant.id, subject: event.subject) {
            // A delete: unscoped grants always receive it; scoped ones only if they hold the subject.
            if scoped {
                scope.forget(grant: grant.id, subject: event.subject)
                decision.held = false
            }
        } else if row != nil, scoped, scope.holds(grant: grant.id, subject: event.subject) {
            // The row left the grant's scope: the subscriber must not keep it.
            scope.forget(grant: grant.id, subject: event.subject)
            decision.held = false
            decision.action = .deleted
            decision.reason = DeliveredHeader.leftScope
        } else {
            decision.outcome = .outOfScope
            decision.reason = RoutingDecision.Outcome.outOfScope.rawValue
            return decision
        }
        decision.key = DeliveredEnvelope.key(subject: event.subject, grant: grant, keys: keys)
        decision.deliveryID = DeliveredEnvelope.id(event: event.id, grant: grant, leftScope: decision.reason != nil, keys: keys)
        if let theme { decision.headers = DeliveredEnvelope.headers(of: event, source: headers, decision: decision, theme: theme) }
        return decision
    }

    private func rejection(_ code: String, _ message: String, event: ChangeEvent?, theme: String,
                           source: SourcePosition) -> RoutingDecision {
        RoutingDecision(outcome: .rejected, eventID: event?.id ?? "", theme: theme, provider: event?.source ?? "",
                        subject: event?.subject ?? "", time: event?.time ?? "", subscriber: nil, grantID: nil,
                        basis: nil, action: event?.action, fields: [], value: [], reason: code, message: message,
                        source: source)
    }
}

/// The routing of one source record: the accepted event (nil when rejected) and the decisions.
public struct RoutingResult: Sendable {
    /// The event, when it passed validation.
    public var event: ChangeEvent?
    /// One decision per grant in force, or one rejection.
    public var decisions: [RoutingDecision]
}
