import ShuniuCity
import ShuniuModel

/// Data-quality checks over a generated city, one per kind of injectable issue: what a later
/// data-quality report has to find. Each returns the subjects (line keys) that show the issue.
struct CityAudit {
    let feeds: CityFeeds

    /// The person library: subjects of household registration.
    var persons: Set<String> { feeds.subjects("household-registration", key: "citizen_id") }

    /// Registered legal entities (every registry theme).
    var entities: Set<String> {
        ["enterprise-registration", "sole-trader-registration", "public-institution-registration",
         "social-organisation-registration"].reduce(into: Set<String>()) { $0.formUnion(feeds.subjects($1, key: "credit_code")) }
    }

    func findings(_ kind: InconsistencyKind) -> Set<String> {
        switch kind {
        case .spouseNotInPersonLibrary:
            let known = persons
            return Set(feeds.lines("marriage").compactMap { record in
                guard let spouse = record.row.text("spouse_citizen_id"), !known.contains(spouse) else { return nil }
                return record.row.text("citizen_id")
            })
        case .eventAfterDeath:
            return eventsAfterDeath()
        case .taxRegistrationUnknownCreditCode:
            return feeds.subjects("tax-registration", key: "credit_code").subtracting(entities)
        case .birthDateMismatch:
            let births = feeds.latest("birth", key: "citizen_id").compactMapValues { $0.text("birth_date") }
            return Set(feeds.lines("household-registration").compactMap { record in
                guard let id = record.row.text("citizen_id"), let birth = births[id],
                      record.row.text("birth_date") != birth else { return nil }
                return id
            })
        }
    }

    /// Subjects with a line in a person theme (other than the closing themes) dated on or after their death.
    private func eventsAfterDeath() -> Set<String> {
        let deaths = feeds.latest("death", key: "citizen_id").compactMapValues { $0.text("died_on") }
        let closing: Set<String> = ["death", "cremation", "household-registration"]
        var found = Set<String>()
        for (theme, records) in feeds.records where !closing.contains(theme) {
            for record in records {
                guard let id = record.row.text("citizen_id"), let died = deaths[id], let time = record.time else { continue }
                if String(time.prefix(10)) >= died { found.insert(id) }
            }
        }
        return found
    }
}
