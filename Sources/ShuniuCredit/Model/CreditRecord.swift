import ShuniuLibraries
import ShuniuModel

/// One credit record: a theme's current row about a credit subject, with its class, dates
/// and the event it came from. Its id is `<theme>/<key>` (the theme's key: a decision number,
/// a listing number, or the credit code for the registries).
public struct CreditRecord: Sendable, Hashable {
    /// `<theme>/<key>`.
    public var id: String
    /// The theme.
    public var theme: String
    /// The subject: a credit code or a citizen ID.
    public var subject: String
    /// The subject's kind.
    public var kind: CreditSubjectKind
    /// The class.
    public var creditClass: CreditClass
    /// The theme's current row.
    public var row: Row
    /// The record's date (decision, registration, listing), `YYYY-MM-DD`.
    public var date: String?
    /// The last day of publicity (penalties), `YYYY-MM-DD`.
    public var publicityUntil: String?
    /// The event that set it.
    public var lineage: Lineage

    /// Creates a record.
    public init(id: String, theme: String, subject: String, kind: CreditSubjectKind, creditClass: CreditClass, row: Row,
                date: String?, publicityUntil: String?, lineage: Lineage) {
        self.id = id
        self.theme = theme
        self.subject = subject
        self.kind = kind
        self.creditClass = creditClass
        self.row = row
        self.date = date
        self.publicityUntil = publicityUntil
        self.lineage = lineage
    }

    /// The record id of `key` in `theme`.
    public static func id(theme: String, key: String) -> String { "\(theme)/\(key)" }

    /// True when the record is published under double publicity (licences, penalties).
    public var isDoublePublicity: Bool { CreditSource.doublePublicityThemes.contains(theme) }

    /// True when the record is past its end of publicity on `day` (credit repair): a penalty
    /// whose `publicity_until` is before `day`.
    public func publicityEnded(on day: CalendarDate) -> Bool {
        guard let until = publicityUntil.flatMap({ CalendarDate(iso: $0) }) else { return false }
        return until < day
    }
}

/// One change to the credit library from a source event: a record set (upsert) or removed
/// (delete, kept as a tombstone), at a version (`ce_sequence`), applied only when newer.
public struct CreditRecordChange: Sendable, Hashable {
    /// `<theme>/<key>`.
    public var id: String
    /// The theme.
    public var theme: String
    /// The subject (nil for a delete: the tombstone keeps the last one).
    public var subject: String?
    /// The subject's kind.
    public var kind: CreditSubjectKind?
    /// The class.
    public var creditClass: CreditClass
    /// The version.
    public var sequence: Int64
    /// The row as published, nil for a delete.
    public var row: [UInt8]?
    /// The record's date.
    public var date: String?
    /// The end of publicity.
    public var publicityUntil: String?
    /// Where it came from.
    public var lineage: Lineage

    /// Creates a change.
    public init(id: String, theme: String, subject: String?, kind: CreditSubjectKind?, creditClass: CreditClass,
                sequence: Int64, row: [UInt8]?, date: String?, publicityUntil: String?, lineage: Lineage) {
        self.id = id
        self.theme = theme
        self.subject = subject
        self.kind = kind
        self.creditClass = creditClass
        self.sequence = sequence
        self.row = row
        self.date = date
        self.publicityUntil = publicityUntil
        self.lineage = lineage
    }
}
