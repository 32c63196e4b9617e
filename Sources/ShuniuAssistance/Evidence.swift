import ShuniuModel

/// One record of the centre's mirror a finding rests on: which department said it, under which
/// grant, in which event, and where it was delivered.
public struct EvidenceRecord: Sendable, Hashable {
    /// The theme.
    public var theme: String
    /// The record's subject (citizen ID, VIN, property unit number).
    public var subject: String
    /// `ce_id` of the change event.
    public var eventID: String
    /// The providing department (`ce_source`).
    public var provider: String
    /// The grant it was delivered under.
    public var grant: String
    /// Where it was delivered: `sub.<department>/<partition>/<offset>`.
    public var position: String
    /// `ce_time` of that version.
    public var time: String
    /// The delivered fields.
    public var row: Row

    /// `theme subject (provider, event, position)`, for reports.
    public var citation: String { "\(theme)/\(subject) from \(provider), event \(eventID) at \(position)" }

    /// A decimal field as a number (nil when absent or not a number).
    public func number(_ field: String) -> Double? {
        guard let value = row[field] else { return nil }
        switch value {
        case .number(let text): return Double(text)
        case .string(let text): return Double(text)
        default: return nil
        }
    }

    /// A text field.
    public func text(_ field: String) -> String? { row[field]?.stringValue }

    /// Creates a record.
    public init(theme: String, subject: String, eventID: String, provider: String, grant: String, position: String,
                time: String, row: Row) {
        self.theme = theme
        self.subject = subject
        self.eventID = eventID
        self.provider = provider
        self.grant = grant
        self.position = position
        self.time = time
        self.row = row
    }
}

/// What the mirror holds about a household on the day of its application.
public struct HouseholdFacts: Sendable, Hashable {
    /// Per member, the social-insurance record in force (absent: none).
    public var insurance: [String: EvidenceRecord] = [:]
    /// Vehicles owned by a member on the day.
    public var vehicles: [EvidenceRecord] = []
    /// Properties owned or co-owned by a member on the day.
    public var properties: [EvidenceRecord] = []
    /// The banks' answers about the members (for the request, when its number is known).
    public var deposits: [EvidenceRecord] = []
    /// Themes (or fields) a rule needs that the mirror does not hold, with why.
    public var unavailable: [String: String] = [:]

    /// No facts.
    public init() {}
}

/// A household's application to check.
public struct HouseholdApplication: Sendable, Hashable {
    /// The verification request number (e.g. `HJ20160312000042`), if known.
    public var requestNumber: String?
    /// The assistance type (a policy id).
    public var assistanceType: String
    /// The day of the application, `YYYY-MM-DD`: the state of that day is checked.
    public var appliedOn: String
    /// Citizen IDs of the household members.
    public var members: [String]
    /// The known result (`eligible` / `ineligible` / `needs-review`), for comparisons.
    public var expected: String?

    /// Creates an application.
    public init(requestNumber: String? = nil, assistanceType: String, appliedOn: String, members: [String], expected: String? = nil) {
        self.requestNumber = requestNumber
        self.assistanceType = assistanceType
        self.appliedOn = appliedOn
        self.members = members
        self.expected = expected
    }
}
