import ShuniuModel

/// Compares the themes of the libraries with each other and lists what disagrees — the data
/// comparison (数据比对) Lu'an and Guangzhou ran across departments. It reads only through
/// ``LibraryStore`` (scans and look-ups), so it works on any store.
public struct QualityCheck {
    /// Themes whose records legitimately follow a death (the death itself, the cancelled
    /// household registration).
    static let closingThemes: Set<String> = ["death", "household-registration"]
    /// The registries that make a credit code known.
    static let registries = ["enterprise-registration", "sole-trader-registration", "public-institution-registration",
                             "social-organisation-registration"]

    private let store: any LibraryStore
    private let catalogue: Catalogue

    /// A check of `store`, whose themes `catalogue` describes.
    public init(store: any LibraryStore, catalogue: Catalogue) {
        self.store = store
        self.catalogue = catalogue
    }

    /// Runs every comparison.
    public func run() throws -> QualityReport {
        var findings: [QualityFinding] = []
        findings += try spousesNotInLibrary()
        findings += try eventsAfterDeath()
        findings += try unknownTaxRegistrations()
        findings += try birthDateMismatches()
        return QualityReport(findings: findings)
    }

    private func spousesNotInLibrary() throws -> [QualityFinding] {
        // Collected first: a store may not be re-entered from inside its own scan.
        var named: [(subject: String, spouse: String, slice: ThemeSlice)] = []
        try store.scan(.person, theme: "marriage") { subject, slice in
            guard let spouse = slice.row["spouse_citizen_id"]?.stringValue, !spouse.isEmpty else { return }
            named.append((subject, spouse, slice))
        }
        return try named.filter { try store.record(.person, subject: $0.spouse) == nil }.map { entry in
            QualityFinding(kind: .spouseNotInPersonLibrary, subject: entry.subject, theme: entry.slice.theme,
                           department: entry.slice.lineage.department,
                           detail: "spouse \(entry.spouse) is in no theme of the person library (event \(entry.slice.lineage.eventID))")
        }
    }

    private func eventsAfterDeath() throws -> [QualityFinding] {
        var deaths: [String: String] = [:]
        try store.scan(.person, theme: "death") { subject, slice in
            if let died = slice.row["died_on"]?.stringValue { deaths[subject] = died }
        }
        guard !deaths.isEmpty else { return [] }
        var found: [QualityFinding] = []
        for theme in LibraryKind.person.themes(in: catalogue) where !Self.closingThemes.contains(theme.id) {
            try store.scan(.person, theme: theme.id) { subject, slice in
                guard let died = deaths[subject], String(slice.lineage.eventTime.prefix(10)) >= died else { return }
                found.append(QualityFinding(kind: .eventAfterDeath, subject: subject, theme: theme.id, department: slice.lineage.department,
                                            detail: "\(theme.id) version \(slice.lineage.sequence) of \(slice.lineage.eventTime) after death on \(died) (event \(slice.lineage.eventID))"))
            }
        }
        return found
    }

    private func unknownTaxRegistrations() throws -> [QualityFinding] {
        var registrations: [(subject: String, slice: ThemeSlice)] = []
        try store.scan(.entity, theme: "tax-registration") { registrations.append(($0, $1)) }
        return try registrations.compactMap { subject, slice in
            let record = try store.record(.entity, subject: subject)
            guard !Self.registries.contains(where: { record?.slice($0) != nil }) else { return nil }
            return QualityFinding(kind: .taxRegistrationUnknownCreditCode, subject: subject, theme: slice.theme,
                                  department: slice.lineage.department,
                                  detail: "no registry knows credit code \(subject) (event \(slice.lineage.eventID))")
        }
    }

    private func birthDateMismatches() throws -> [QualityFinding] {
        var births: [String: (date: String, lineage: Lineage)] = [:]
        try store.scan(.person, theme: "birth") { subject, slice in
            if let date = slice.row["birth_date"]?.stringValue { births[subject] = (date, slice.lineage) }
        }
        var found: [QualityFinding] = []
        func idDate(_ subject: String) -> String? { (try? CitizenID(validating: subject)).map { $0.birthDate.description } }
        try store.scan(.person, theme: "household-registration") { subject, slice in
            guard let date = slice.row["birth_date"]?.stringValue else { return }
            let fromID = idDate(subject)
            let birth = births[subject]
            if date != fromID || (birth != nil && birth?.date != date) {
                var evidence = "household registration says \(date)"
                if let fromID { evidence += ", the citizen ID \(fromID)" }
                if let birth { evidence += ", the birth record \(birth.date) (event \(birth.lineage.eventID))" }
                found.append(QualityFinding(kind: .birthDateMismatch, subject: subject, theme: slice.theme,
                                            department: slice.lineage.department, detail: evidence + " (event \(slice.lineage.eventID))"))
            }
        }
        for (subject, birth) in births {
            guard let fromID = idDate(subject), birth.date != fromID else { continue }
            found.append(QualityFinding(kind: .birthDateMismatch, subject: subject, theme: "birth", department: birth.lineage.department,
                                        detail: "birth record says \(birth.date), the citizen ID \(fromID) (event \(birth.lineage.eventID))"))
        }
        return found
    }
}
