/// A type of e-licence (电子证照) the city issues: who may issue it, whom it is about, how long
/// it is valid and whether anyone may read it (a business licence) or only a department the
/// holder consents to (a disability certificate). Read from `topics/licences/<id>.yaml`.
public struct LicenceType: Sendable, Hashable, Codable, Identifiable {
    /// Whom a licence of this type is about.
    public enum Holder: String, Sendable, Hashable, Codable, CaseIterable {
        /// A person, by citizen ID.
        case person
        /// An organisation, by unified social credit code.
        case legalEntity = "legal-entity"
    }

    /// Who may read a holder's licences of this type.
    public enum Visibility: String, Sendable, Hashable, Codable, CaseIterable {
        /// Every entitled function, without the holder's consent (e.g. a business licence).
        case `public`
        /// Only a department holding a one-time consent code from the holder.
        case personal
    }

    /// Kebab-case id, e.g. `disability-certificate`.
    public var id: String
    /// The type's name.
    public var title: LocalizedName
    /// Two to six capital letters that open each licence number of the type (e.g. `CJRZ`).
    public var code: String
    /// The departments entitled to issue it.
    public var issuers: [String]
    /// Whom it is about.
    public var holder: Holder
    /// Who may read it.
    public var visibility: Visibility
    /// Years of validity from the issue date; nil: valid until revoked.
    public var validityYears: Int?
    /// The fields a licence of the type carries besides its holder (`required` ones must be set).
    public var fields: [FieldSpec]

    /// Creates a licence type.
    public init(id: String, title: LocalizedName, code: String, issuers: [String], holder: Holder, visibility: Visibility,
                validityYears: Int?, fields: [FieldSpec]) {
        self.id = id
        self.title = title
        self.code = code
        self.issuers = issuers
        self.holder = holder
        self.visibility = visibility
        self.validityYears = validityYears
        self.fields = fields
    }

    /// The last day a licence issued on `issued` is valid, from the type's rule (the day
    /// before the anniversary; 29 February issues end on 27 February in a common year); nil
    /// when it does not expire.
    public func validUntil(issued: CalendarDate) -> CalendarDate? {
        guard let years = validityYears else { return nil }
        let year = issued.year + years
        guard year <= 9999 else { return .latest }
        let day = min(issued.day, CalendarDate.days(inMonth: issued.month, year: year))
        return CalendarDate(year: year, month: issued.month, day: day)?.previousDay ?? .latest
    }
}

extension CalendarDate {
    /// The day before (nil before 0001-01-01).
    public var previousDay: CalendarDate? {
        if day > 1 { return CalendarDate(year: year, month: month, day: day - 1) }
        if month > 1 { return CalendarDate(year: year, month: month - 1, day: CalendarDate.days(inMonth: month - 1, year: year)) }
        return CalendarDate(year: year - 1, month: 12, day: 31)
    }
}
