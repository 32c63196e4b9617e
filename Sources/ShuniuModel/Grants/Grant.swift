/// The states of a grant. `expired` is not stored: a grant past its `until` date is simply no
/// longer in force (see `Grant.isInForce(on:)`).
public enum GrantState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for the provider's decision.
    case applied
    /// In force (until revoked or past its end date).
    case approved
    /// Refused by the provider (the arbitration body may overturn it).
    case rejected
    /// Ended by the provider or the subscriber.
    case revoked
}

/// A grant as the workflow's events have shaped it, compiled for routing.
public struct Grant: Sendable, Hashable {
    /// The grant id (`g-` and 16 hex digits).
    public let id: String
    /// What was applied for.
    public let application: GrantApplication
    /// Where the workflow stands.
    public internal(set) var state: GrantState
    /// Every workflow event of this grant, in order.
    public internal(set) var history: [GrantEvent]
    /// The fields delivered: the granted fields plus the theme's key field, in the theme's order.
    public let deliveredFields: [String]
    private let deliveredSet: Set<String>
    /// Mask rules by field.
    public let masks: [String: MaskRule]
    /// Row scope: every listed field must hold one of its values.
    public let scope: [String: Set<String>]
    /// Last day in force, if any.
    public let until: CalendarDate?
    /// Whether the subject's key field is delivered unmasked: only then may the delivered
    /// record's key and `ce_subject` be the subject itself (else a per-department pseudonym).
    public let deliversSubjectClear: Bool

    init(id: String, application: GrantApplication, theme: Theme, masks: [String: MaskRule], until: CalendarDate?,
         event: GrantEvent) {
        self.id = id
        self.application = application
        state = .applied
        history = [event]
        let wanted = Set(application.fields).union([theme.subject.key])
        deliveredFields = theme.fields.map(\.name).filter { wanted.contains($0) }
        deliveredSet = Set(deliveredFields)
        self.masks = masks
        scope = application.scope.mapValues { Set($0) }
        self.until = until
        deliversSubjectClear = masks[theme.subject.key] == nil
    }

    /// The subscriber department.
    public var subscriber: String { application.subscriber }
    /// The theme.
    public var theme: String { application.theme }

    /// True when approved and `day` is not past `until`.
    public func isInForce(on day: CalendarDate?) -> Bool {
        guard state == .approved else { return false }
        guard let until, let day else { return true }
        return day <= until
    }

    /// True when `row` is inside the grant's row scope.
    public func covers(_ row: Row) -> Bool {
        for (field, allowed) in scope {
            guard let value = row[field] else { return false }
            let text: String
            switch value {
            case .string(let string): text = string
            case .number(let number): text = number
            case .bool(let bool): text = bool ? "true" : "false"
            case .null: return false
            }
            if !allowed.contains(text) { return false }
        }
        return true
    }

    /// The row the subscriber receives: only delivered fields, masked as granted, pseudonyms
    /// under the subscriber's own key.
    public func deliver(_ row: Row, keys: PseudonymKeys) -> Row {
        deliver(row, key: keys.key(for: subscriber))
    }

    /// The row the subscriber receives, `key` being the subscriber's pseudonym key.
    public func deliver(_ row: Row, key: HMACKey) -> Row {
        var delivered: [Row.Field] = []
        delivered.reserveCapacity(deliveredFields.count)
        for field in row.fields where deliveredSet.contains(field.name) {
            if let rule = masks[field.name] {
                if let masked = rule.apply(to: field.value, key: key) { delivered.append(.init(name: field.name, value: masked)) }
            } else {
                delivered.append(field)
            }
        }
        return Row(distinctFields: delivered)
    }
}
