/// The class of a theme in the shared resource catalogue.
public enum ThemeClass: String, Sendable, Hashable, CaseIterable, Codable {
    /// One of the base person themes (household registration, marriage, birth and death...).
    case basePerson = "base-person"
    /// One of the base legal-entity themes (enterprise registration, sole traders...).
    case baseLegal = "base-legal"
    /// A department's own business data.
    case department
    /// Data assembled for a special application (economic status verification, e-licences...).
    case special

    /// Whether this is a base theme, which must have exactly one authoritative provider.
    public var isBase: Bool { self == .basePerson || self == .baseLegal }
}

/// What kind of subject a theme's rows are about.
public enum SubjectKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A natural person, keyed by citizen ID number (GB 11643).
    case person
    /// A legal entity, keyed by unified social credit code (GB 32100).
    case legalEntity = "legal-entity"
    /// Anything else, keyed by the theme's declared key field.
    case other
}

/// How a theme may be shared between departments (共享类型).
public enum ShareType: String, Sendable, Hashable, CaseIterable, Codable {
    /// 无条件共享: any department whose functions need it, after a compliance check.
    case unconditional
    /// 有条件共享: only after the provider approves an application.
    case conditional
    /// 不予共享: never routed to anyone.
    case none
}

/// Whether a theme may be opened to the public (开放类型).
public enum OpenType: String, Sendable, Hashable, CaseIterable, Codable {
    /// May be opened once de-identified.
    case open
    /// May be opened to specific users under conditions.
    case conditional
    /// Never opened.
    case closed
}

/// How often a provider promises to update a theme.
public enum UpdateFrequency: String, Sendable, Hashable, CaseIterable, Codable {
    /// Changes are published as they happen.
    case realtime
    /// At least once a day.
    case daily
    /// At least once a week.
    case weekly
    /// At least once a month.
    case monthly
    /// At least once a quarter.
    case quarterly
    /// At least once a year.
    case yearly

    /// The age in seconds after which a theme's data counts as stale for freshness checks.
    ///
    /// Realtime themes are allowed one hour; the others one period (a month is 31 days,
    /// a quarter 92 days and a year 366 days, so the longest period always fits).
    public var maxAge: Int {
        switch self {
        case .realtime: 3_600
        case .daily: 86_400
        case .weekly: 7 * 86_400
        case .monthly: 31 * 86_400
        case .quarterly: 92 * 86_400
        case .yearly: 366 * 86_400
        }
    }
}

/// The type of one field of a theme row.
public enum FieldType: String, Sendable, Hashable, CaseIterable, Codable {
    /// A JSON string.
    case string
    /// A JSON number without fraction or exponent that fits in 64 bits.
    case integer
    /// A JSON number, or a string holding one (so that exact decimals survive).
    case decimal
    /// JSON `true` or `false`.
    case boolean
    /// A string `YYYY-MM-DD` naming a valid calendar date.
    case date
    /// A string holding an RFC 3339 timestamp.
    case datetime
    /// A string from the field's declared `values`.
    case `enum`
    /// A string holding a valid citizen ID number (GB 11643).
    case citizenID = "citizen-id"
    /// A string holding a valid unified social credit code (GB 32100).
    case creditCode = "credit-code"
}

/// How sensitive a field is; ordered from least to most sensitive.
public enum Sensitivity: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// May be published.
    case `public`
    /// For government use only.
    case `internal`
    /// Personal or commercially sensitive; share with care and mask where possible.
    case sensitive
    /// Must never leave the provider unmasked.
    case secret

    private var rank: Int {
        switch self {
        case .public: 0
        case .internal: 1
        case .sensitive: 2
        case .secret: 3
        }
    }

    /// `public < internal < sensitive < secret`.
    public static func < (lhs: Sensitivity, rhs: Sensitivity) -> Bool { lhs.rank < rhs.rank }
}

/// What kind of body a department is.
public enum DepartmentKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A government department (the default).
    case government
    /// A bank.
    case bank
    /// A utility (water, power, gas...).
    case utility
    /// A court.
    case court
    /// A district-level body such as a grid centre.
    case district
}
