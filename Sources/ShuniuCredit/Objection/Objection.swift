import ShuniuModel

/// Where an objection stands.
public enum ObjectionState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Filed by the subject, not yet taken up.
    case filed
    /// The provider is reviewing it.
    case underReview = "under-review"
    /// Upheld: the record was wrong and is withdrawn.
    case upheld
    /// Corrected: the provider published a correction event.
    case corrected
    /// Rejected with a reason: the record stands.
    case rejected

    /// True while the objection waits for a decision (the record is disputed).
    public var isOpen: Bool { self == .filed || self == .underReview }
}

/// An objection's current state (its steps are kept beside it, see ``ObjectionEvent``).
public struct Objection: Sendable, Hashable {
    /// The objection id.
    public var id: String
    /// The subject objecting.
    public var subject: String
    /// The record objected to, `<theme>/<key>`.
    public var record: String
    /// The record's theme.
    public var theme: String
    /// The version objected to, if the filing named it.
    public var recordSequence: Int64?
    /// The state.
    public var state: ObjectionState
    /// The subject's reason.
    public var reason: String
    /// When it was filed (RFC 3339).
    public var filedAt: String
    /// The day it was filed: the deadline is counted in working days from it.
    public var filedOn: CalendarDate
    /// Who decided it (a department id).
    public var decidedBy: String?
    /// When it was decided.
    public var decidedAt: String?
    /// The provider's reason (rejections; optional for the other decisions).
    public var decisionReason: String?
    /// The `ce_id` of the correction event (corrected).
    public var correction: String?

    /// Creates an objection.
    public init(id: String, subject: String, record: String, theme: String, recordSequence: Int64?, state: ObjectionState,
                reason: String, filedAt: String, filedOn: CalendarDate, decidedBy: String? = nil, decidedAt: String? = nil,
                decisionReason: String? = nil, correction: String? = nil) {
        self.id = id
        self.subject = subject
        self.record = record
        self.theme = theme
        self.recordSequence = recordSequence
        self.state = state
        self.reason = reason
        self.filedAt = filedAt
        self.filedOn = filedOn
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
        self.decisionReason = decisionReason
        self.correction = correction
    }

    /// The last day a decision is due: `workingDays` working days (Monday to Friday) after
    /// the day of filing. `workingDays` is taken within `0...WorkflowDates.maximumWorkingDays`;
    /// a deadline past the calendar's last day (a filing dated 9999, from a log written before
    /// dates were bounded) is that last day, never a trap.
    public func due(workingDays: Int) -> CalendarDate {
        let target = min(max(workingDays, 0), WorkflowDates.maximumWorkingDays)
        var day = filedOn.daysSinceEpoch
        var counted = 0
        while counted < target {
            day += 1
            let weekday = (day + 4) % 7  // 0 = Sunday; 1970-01-01 was a Thursday
            if weekday != 0 && weekday != 6 { counted += 1 }
        }
        return CalendarDate(daysSinceEpoch: day) ?? .latest
    }

    /// True when still open on `day` after more than `workingDays` working days.
    public func isOverdue(on day: CalendarDate, workingDays: Int) -> Bool {
        state.isOpen && GrantWorkflow.workingDays(from: filedOn, to: day) > workingDays
    }
}
