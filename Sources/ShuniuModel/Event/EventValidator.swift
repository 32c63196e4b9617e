/// An event that passed every check, with its parsed row (nil for a delete).
public struct ValidatedEvent: Sendable, Hashable {
    /// The decoded event.
    public let event: ChangeEvent
    /// The parsed row of an upsert; nil for a delete.
    public let row: Row?

    /// Pairs an event with its row.
    public init(event: ChangeEvent, row: Row?) {
        self.event = event
        self.row = row
    }
}

/// Checks change events against the catalogue: the theme exists, the source is its one
/// authoritative provider, and the row has exactly the theme's fields with the declared types.
public struct EventValidator: Sendable {
    /// The catalogue events are checked against.
    public let catalogue: Catalogue
    private let rules: [String: ThemeRules]
    private let departmentIDs: Set<String>

    /// A validator for a catalogue (precomputes per-theme field tables).
    public init(catalogue: Catalogue) {
        self.catalogue = catalogue
        var rules: [String: ThemeRules] = [:]
        for theme in catalogue.themes { rules[theme.id] = ThemeRules(theme) }
        self.rules = rules
        departmentIDs = Set(catalogue.departments.map(\.id))
    }

    /// Decodes a record and validates the event.
    ///
    /// - Throws: ``EventRejection`` from ``ChangeEventCodec/decode(key:headers:value:)`` or ``validate(_:)``.
    public func validate(key: [UInt8]?, headers: [EnvelopeHeader], value: [UInt8]) throws(EventRejection) -> ValidatedEvent {
        let event = try ChangeEventCodec.decode(key: key, headers: headers, value: value)
        return ValidatedEvent(event: event, row: try validateDecoded(event))
    }

    /// Validates an event; returns the parsed row of an upsert, nil for a delete.
    ///
    /// - Throws: ``EventRejection``: the envelope codes of the codec, then `unknown-theme`,
    ///   `unknown-source`, `not-authoritative`, `bad-citizen-id`/`bad-credit-code` (for the subject),
    ///   the row codes `invalid-json`, `not-an-object`, `nested-value`, `duplicate-key`,
    ///   `unknown-field`, `wrong-type`, `bad-enum`, `bad-citizen-id`, `bad-credit-code`,
    ///   `missing-field`, and `key-mismatch` when the row's key field differs from `ce_subject`.
    public func validate(_ event: ChangeEvent) throws(EventRejection) -> Row? {
        try EnvelopeRules.check(event)
        return try validateDecoded(event)
    }

    private func validateDecoded(_ event: ChangeEvent) throws(EventRejection) -> Row? {
        guard let rules = rules[event.theme] else {
            throw EventRejection(code: .unknownTheme,
                                 message: "theme '\(event.theme)' (from ce_type) is not in the catalogue",
                                 field: EnvelopeHeaderName.type)
        }
        guard departmentIDs.contains(event.source) else {
            throw EventRejection(code: .unknownSource,
                                 message: "ce_source '\(event.source)' is not a department of the catalogue",
                                 field: EnvelopeHeaderName.source)
        }
        guard event.source == rules.theme.provider else {
            throw EventRejection(code: .notAuthoritative,
                                 message: "ce_source '\(event.source)' may not publish theme '\(event.theme)'; its one authoritative provider is '\(rules.theme.provider)'",
                                 field: EnvelopeHeaderName.source)
        }
        try rules.checkSubject(event.subject)
        guard event.action == .upserted else { return nil }
        let row: Row
        do {
            row = try Row.parse(bytes: event.value)
        } catch {
            throw EventRejection(code: RejectionCode(rawValue: error.code.rawValue),
                                 message: "the value: \(error.message) (byte \(error.offset))", field: error.field)
        }
        try rules.check(row, subject: event.subject)
        return row
    }
}

/// A theme's fields, indexed for the per-event checks.
private struct ThemeRules: Sendable {
    let theme: Theme
    let fields: [String: FieldSpec]
    let required: [String]
    let key: FieldSpec?

    init(_ theme: Theme) {
        self.theme = theme
        fields = Dictionary(theme.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        required = theme.fields.filter(\.required).map(\.name)
        key = theme.keyField
    }

    /// The subject id must be a valid identifier when the key field is one.
    func checkSubject(_ subject: String) throws(EventRejection) {
        guard let key else { return }
        switch key.type {
        case .citizenID:
            do { _ = try CitizenID(validating: subject) } catch {
                throw EventRejection(code: .badCitizenID, message: "ce_subject: \(error.message)",
                                     field: EnvelopeHeaderName.subject)
            }
        case .creditCode:
            do { _ = try CreditCode(validating: subject) } catch {
                throw EventRejection(code: .badCreditCode, message: "ce_subject: \(error.message)",
                                     field: EnvelopeHeaderName.subject)
            }
        default:
            break
        }
    }

    func check(_ row: Row, subject: String) throws(EventRejection) {
        for field in row.fields {
            guard let spec = fields[field.name] else {
                throw EventRejection(code: .unknownField,
                                     message: "field '\(field.name)' is not declared by theme '\(theme.id)'; its fields are \(theme.fields.map(\.name).joined(separator: ", "))",
                                     field: field.name)
            }
            if field.value.isNull { continue }
            try FieldValueCheck.check(field.value, against: spec)
        }
        for name in required where row[name]?.isNull ?? true {
            throw EventRejection(code: .missingField,
                                 message: "required field '\(name)' of theme '\(theme.id)' is \(row[name] == nil ? "absent" : "null"); send a value",
                                 field: name)
        }
        guard let key, let value = row[key.name] else { return }
        let text = value.stringValue ?? value.numberText
        guard text == subject else {
            throw EventRejection(code: .keyMismatch,
                                 message: "key field '\(key.name)' is \(text.map { "'\($0)'" } ?? value.typeName) but ce_subject is '\(subject)'; they must be equal",
                                 field: key.name)
        }
    }
}
