import ShuniuModel

/// One record as a view shows it.
public struct CreditEntry: Sendable, Hashable {
    /// The record id, `<theme>/<key>`.
    public var record: String
    /// The theme.
    public var theme: String
    /// The class.
    public var creditClass: CreditClass
    /// The record's date.
    public var date: String?
    /// The end of publicity (penalties).
    public var publicityUntil: String?
    /// The providing department.
    public var department: String
    /// The `ce_id` of the event the record is at.
    public var eventID: String
    /// The record's version.
    public var sequence: Int64
    /// The fields shown: the public ones in the public view, the granted (masked) ones under a grant.
    public var fields: Row
    /// True while an objection against it is open (never in the public view: such records are hidden there).
    public var disputed: Bool
    /// The state of the latest objection against the record, if any.
    public var objection: ObjectionState?
    /// The grant it is shown under (authorised view), nil when shown as public.
    public var grant: String?

    /// Creates an entry.
    public init(record: String, theme: String, creditClass: CreditClass, date: String?, publicityUntil: String?, department: String,
                eventID: String, sequence: Int64, fields: Row, disputed: Bool, objection: ObjectionState?, grant: String?) {
        self.record = record
        self.theme = theme
        self.creditClass = creditClass
        self.date = date
        self.publicityUntil = publicityUntil
        self.department = department
        self.eventID = eventID
        self.sequence = sequence
        self.fields = fields
        self.disputed = disputed
        self.objection = objection
        self.grant = grant
    }
}

/// A subject's credit as one audience sees it on one day.
public struct CreditView: Sendable, Hashable {
    /// The subject.
    public var subject: String
    /// Its kind (nil when the subject is no valid identifier).
    public var kind: CreditSubjectKind?
    /// The day the view is as of.
    public var on: CalendarDate
    /// The department of an authorised view; nil for the public view.
    public var department: String?
    /// The records shown, by record id.
    public var entries: [CreditEntry]

    /// Creates a view.
    public init(subject: String, kind: CreditSubjectKind?, on: CalendarDate, department: String?, entries: [CreditEntry]) {
        self.subject = subject
        self.kind = kind
        self.on = on
        self.department = department
        self.entries = entries
    }
}
