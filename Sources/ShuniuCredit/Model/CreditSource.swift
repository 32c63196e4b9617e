import ShuniuModel

/// How one theme becomes credit records: its class, where the subject is found, and which
/// fields give the record's dates. The table ``all`` is the library's mapping (docs/credit.md).
public struct CreditSource: Sendable, Hashable {
    /// The theme.
    public var theme: String
    /// The class its records belong to.
    public var creditClass: CreditClass
    /// Fields naming the subject, tried in order (credit code first, then citizen ID); empty
    /// when the event's own subject (the theme's key) is the credit subject.
    public var subjectFields: [String]
    /// The field giving the record's date (decision, registration, listing).
    public var dateField: String?
    /// The field giving the end of publicity (公示截止期), for penalties.
    public var publicityField: String?

    /// Describes a source.
    public init(theme: String, creditClass: CreditClass, subjectFields: [String] = [], dateField: String? = nil,
                publicityField: String? = nil) {
        self.theme = theme
        self.creditClass = creditClass
        self.subjectFields = subjectFields
        self.dateField = dateField
        self.publicityField = publicityField
    }

    /// The themes the credit library projects.
    public static let all: [CreditSource] = [
        CreditSource(theme: "enterprise-registration", creditClass: .registration, dateField: "established_on"),
        CreditSource(theme: "sole-trader-registration", creditClass: .registration, dateField: "established_on"),
        CreditSource(theme: "public-institution-registration", creditClass: .registration, dateField: "established_on"),
        CreditSource(theme: "social-organisation-registration", creditClass: .registration, dateField: "established_on"),
        CreditSource(theme: "organisation-code", creditClass: .registration, dateField: "issued_on"),
        CreditSource(theme: "tax-registration", creditClass: .supervision, dateField: "registered_on"),
        CreditSource(theme: "annual-report", creditClass: .supervision, dateField: "submitted_on"),
        CreditSource(theme: "administrative-licences", creditClass: .qualification,
                     subjectFields: ["holder_credit_code", "holder_citizen_id"], dateField: "decided_on"),
        CreditSource(theme: "e-licences", creditClass: .qualification,
                     subjectFields: ["holder_credit_code", "holder_citizen_id"], dateField: "issued_on"),
        CreditSource(theme: "administrative-penalties", creditClass: .penalty,
                     subjectFields: ["offender_credit_code", "offender_citizen_id"], dateField: "decided_on",
                     publicityField: "publicity_until"),
        CreditSource(theme: "court-dishonest-debtors", creditClass: .dishonestDebtor,
                     subjectFields: ["debtor_credit_code", "debtor_citizen_id"], dateField: "listed_on"),
    ]

    /// The sources by theme.
    public static let byTheme: [String: CreditSource] = Dictionary(uniqueKeysWithValues: all.map { ($0.theme, $0) })

    /// The themes published under double publicity (双公示): only their records can be public.
    public static let doublePublicityThemes: Set<String> = ["administrative-licences", "administrative-penalties"]

    /// True when records of this source may appear in the public view.
    public var isPublic: Bool { Self.doublePublicityThemes.contains(theme) }

    /// The credit subject of a row of this theme whose key is `key`: the first non-empty
    /// subject field, upper-cased, or the key itself when the theme names no subject fields.
    public func subject(of row: Row, key: String) -> String? {
        guard !subjectFields.isEmpty else { return key.uppercased() }
        for field in subjectFields {
            if let text = row[field]?.stringValue, !text.isEmpty { return text.uppercased() }
        }
        return nil
    }
}
