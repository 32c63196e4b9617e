/// One inconsistency across themes (数据比对): what, about whom, and which department's
/// record shows it.
public struct QualityFinding: Sendable, Hashable, Codable {
    /// The kinds of inconsistency the report looks for.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A marriage record names a spouse ID that is not in the person library.
        case spouseNotInPersonLibrary = "spouse-not-in-person-library"
        /// A record of a person theme dated on or after the person's recorded death.
        case eventAfterDeath = "event-after-death"
        /// A tax registration of a credit code that no registry (enterprise, sole trader,
        /// public institution, social organisation) knows.
        case taxRegistrationUnknownCreditCode = "tax-registration-unknown-credit-code"
        /// A birth date that disagrees with the citizen ID or with the birth theme.
        case birthDateMismatch = "birth-date-mismatch"
    }

    /// The kind.
    public var kind: Kind
    /// The subject whose record shows it.
    public var subject: String
    /// The theme of the offending record.
    public var theme: String
    /// The department that provided the offending record.
    public var department: String
    /// The evidence, in words (values and event id).
    public var detail: String

    /// Creates a finding.
    public init(kind: Kind, subject: String, theme: String, department: String, detail: String) {
        self.kind = kind
        self.subject = subject
        self.theme = theme
        self.department = department
        self.detail = detail
    }
}

/// The data comparison report: every finding, and counts per kind and department.
public struct QualityReport: Sendable, Hashable {
    /// Every finding, by kind then subject.
    public var findings: [QualityFinding]

    /// Counts per kind and providing department.
    public var counts: [QualityFinding.Kind: [String: Int]] {
        findings.reduce(into: [:]) { $0[$1.kind, default: [:]][$1.department, default: 0] += 1 }
    }

    /// Creates a report.
    public init(findings: [QualityFinding]) {
        self.findings = findings.sorted { ($0.kind.rawValue, $0.subject, $0.theme) < ($1.kind.rawValue, $1.subject, $1.theme) }
    }
}
