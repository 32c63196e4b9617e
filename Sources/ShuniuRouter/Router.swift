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

    /// The largest record the router writes (`RecordSize`): a source record over it, or a
    /// delivery that would be, is rejected with `too-large` (docs/bounds.md).
    public let maximumRecordBytes: Int

    /// A router over `catalogue`; `secret` derives each receiving department's pseudonym key;
    /// `maximumRecordBytes` is the producer's `message.max.bytes` (`RouterConfig`).
    public init(catalogue: Catalogue, secret: HubSecret, maximumRecordBytes: Int = RecordSize.defaultLimit) {
        self.maximumRecordBytes = maximumRecordBytes
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
        let size = RecordSize.bytes(key: key, headers: headers, value: value)
        guard size <= maximumRecordBytes else {
            // The value is not parsed: refused on its size, before any work proportional to it
            // (decoding the envelope reads the headers only).
            let event = try? ChangeEventCodec.decode(key: key, headers: headers, value: value)
            return RoutingResult(event: nil, decisions: [rejection(
                RejectionCode.tooLarge.rawValue,
                "the record is \(size) bytes (key, value and headers); the hub takes records of at most \(maximumRecordBytes) bytes",
                event: event, theme: topicTheme, source: source)])
        }
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
            bounded(decide(event, row: validated.row, grant: grant, source: source, scope: &scope, headers: headers, theme: theme))
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

    /// A delivery whose record would be over ``maximumRecordBytes`` becomes a `too-large`
    /// rejection for that grant (dead-lettered; the other grants' deliveries go on). Its
    /// scope memory change stands, so the audit's `held` agrees with the router's memory.
    func bounded(_ decision: RoutingDecision) -> RoutingDecision {
        guard decision.outcome == .delivered else { return decision }
        let size = RecordSize.bytes(key: decision.key.utf8.count, value: decision.value.count,
                                    headers: decision.headers.lazy.map { ($0.name.utf8.count, $0.value.count) })
        guard size > maximumRecordBytes else { return decision }
        var refused = decision
        refused.outcome = .rejected
        refused.reason = RejectionCode.tooLarge.rawValue
        refused.message = "the delivery to \(decision.subscriber ?? "") under grant \(decision.grantID ?? "") would be \(size) bytes; "
            + "the hub writes records of at most \(maximumRecordBytes) bytes"
        refused.fields = []
        refused.value = []
        refused.key = ""
        refused.deliveryID = ""
        refused.headers = []
        return refused
    }

    /// The longest header-derived text a rejection carries into its audit record and dead
    /// letter headers (the event's own headers may be of any length when it is refused).
    static let maximumRejectionText = 512
    /// The longest rejection message.
    static let maximumRejectionMessage = 2_048

    private func rejection(_ code: String, _ message: String, event: ChangeEvent?, theme: String,
                           source: SourcePosition) -> RoutingDecision {
        func clipped(_ text: String?, _ limit: Int = Self.maximumRejectionText) -> String {
            guard let text else { return "" }
            // Scalars, not characters: one character may hold any number of combining scalars.
            return text.utf8.count <= limit ? text : String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit / 4))) + "…"
        }
        return RoutingDecision(outcome: .rejected, eventID: clipped(event?.id), theme: clipped(theme), provider: clipped(event?.source),
                               subject: clipped(event?.subject), time: clipped(event?.time), subscriber: nil, grantID: nil,
                               basis: nil, action: event?.action, fields: [], value: [], reason: code,
                               message: clipped(message, Self.maximumRejectionMessage), source: source)
    }
}

/// The routing of one source record: the accepted event (nil when rejected) and the decisions.
public struct RoutingResult: Sendable {
    /// The event, when it passed validation.
    public var event: ChangeEvent?
    /// One decision per grant in force, or one rejection.
    public var decisions: [RoutingDecision]
}
