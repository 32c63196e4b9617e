/// A kind of known data-quality issue that `--inconsistencies` can inject.
public enum InconsistencyKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A marriage row whose `spouse_citizen_id` is no person of the city.
    case spouseNotInPersonLibrary = "spouse-not-in-person-library"
    /// A line about a person (other than death, cremation and household registration) after their recorded death.
    case eventAfterDeath = "event-after-death"
    /// A tax registration whose credit code no registry of the city knows.
    case taxRegistrationUnknownCreditCode = "tax-registration-unknown-credit-code"
    /// A household-registration birth date that differs from the birth theme's.
    case birthDateMismatch = "birth-date-mismatch"
}

/// One injected issue, as listed in the manifest.
public struct Inconsistency: Sendable, Hashable, Codable {
    /// What kind of issue.
    public var kind: InconsistencyKind
    /// The theme whose line carries it.
    public var theme: String
    /// The subject (key) of that line.
    public var subject: String
    /// The wrong value and what it should be, in words.
    public var detail: String

    /// Creates an issue record.
    public init(kind: InconsistencyKind, theme: String, subject: String, detail: String) {
        self.kind = kind
        self.theme = theme
        self.subject = subject
        self.detail = detail
    }
}

/// What the composers change to inject the issues.
struct InjectionPlan: Sendable {
    /// Person index → fake spouse (citizen ID, name) for their marriage rows.
    var fakeSpouses: [Int: (id: String, name: String)] = [:]
    /// Person index → day of an extra social-insurance line after their death.
    var afterDeath: [Int: Int] = [:]
    /// Extra tax registrations for unknown credit codes.
    var unknownTaxpayers: [(code: String, name: String, day: Int, district: Int)] = []
    /// Person index → days added to the household-registration birth date.
    var birthShifts: [Int: Int] = [:]
    /// The issues, in injection order.
    var issues: [Inconsistency] = []
}
