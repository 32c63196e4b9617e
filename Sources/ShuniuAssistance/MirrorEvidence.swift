import Foundation
import ShuniuModel
import ShuniuSQLite

/// Reads a household's facts from the check centre's subscriber mirror (`shuniu subscribe
/// --into`), and only from it: what the centre's grants delivered, as it stood on the day of the
/// application (`shuniu_versions`, the latest version of each record with `ce_time` on or before
/// that day).
public final class MirrorEvidence {
    private let database: SQLiteDatabase
    private let themes: Set<String>
    private var fieldCache: [String: Set<String>] = [:]

    /// Fields each theme must deliver (unmasked) for the rules; the key is always delivered.
    /// (`contribution_base`, `monthly_pension` and `co_owner_citizen_id` are used when present.)
    public static let neededFields: [String: [String]] = [
        "social-insurance": ["pension_status"],
        "bank-deposits-icbc-guangzhou": ["request_no", "total_balance"],
        "bank-deposits-ccb-guangzhou": ["request_no", "total_balance"],
        "vehicles": ["owner_citizen_id", "status"],
        "real-estate": ["owner_citizen_id", "status"],
    ]

    /// Opens the mirror at `path` (it must exist and be a subscriber mirror).
    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw AssistanceError(code: "no-mirror", message: "no mirror at \(path); build it with `shuniu subscribe --as household-economic-check-centre --into \(path)`")
        }
        database = try SQLiteDatabase(path: path)
        guard (try? database.query("SELECT count(*) FROM shuniu_versions")) != nil else {
            throw AssistanceError(code: "no-mirror", message: "\(path) is not a subscriber mirror (no shuniu_versions table); build it with `shuniu subscribe --into`")
        }
        themes = Set(try database.query("SELECT DISTINCT theme FROM shuniu_versions").compactMap { $0[0].text })
        try database.execute("""
            CREATE INDEX IF NOT EXISTS shuniu_versions_owner ON shuniu_versions(theme, json_extract(row, '$.owner_citizen_id'));
            CREATE INDEX IF NOT EXISTS shuniu_versions_co_owner ON shuniu_versions(theme, json_extract(row, '$.co_owner_citizen_id'));
            """)
    }

    /// The themes the mirror holds (those the centre's grants delivered).
    public var heldThemes: Set<String> { themes }

    /// The facts of `application` on its day.
    public func facts(for application: HouseholdApplication) throws -> HouseholdFacts {
        var facts = HouseholdFacts()
        for (theme, fields) in Self.neededFields {
            if let why = try unavailable(theme, fields: fields) { facts.unavailable[theme] = why }
        }
        let day = application.appliedOn + "T23:59:59Z"
        let members = Set(application.members)
        for member in application.members {
            if facts.unavailable["social-insurance"] == nil,
               let record = try asOf(theme: "social-insurance", subjects: [member], day: day).first {
                facts.insurance[member] = record
            }
            for bank in ["bank-deposits-icbc-guangzhou", "bank-deposits-ccb-guangzhou"] where facts.unavailable[bank] == nil {
                let answers = try versions(theme: bank, subjects: [member])
                let chosen = application.requestNumber.map { number in answers.filter { $0.text("request_no") == number } } ?? Array(answers.suffix(1))
                facts.deposits += chosen.suffix(1)
            }
        }
        if facts.unavailable["vehicles"] == nil {
            let owned = try asOf(theme: "vehicles", subjects: subjects(theme: "vehicles", field: "owner_citizen_id", values: members), day: day)
            facts.vehicles = owned.filter { record in
                members.contains(record.text("owner_citizen_id") ?? "") && !["scrapped", "deregistered", "transferred"].contains(record.text("status") ?? "")
            }
        }
        if facts.unavailable["real-estate"] == nil {
            let candidates = try subjects(theme: "real-estate", field: "owner_citizen_id", values: members)
                .union(subjects(theme: "real-estate", field: "co_owner_citizen_id", values: members))
            facts.properties = try asOf(theme: "real-estate", subjects: candidates, day: day).filter { record in
                (members.contains(record.text("owner_citizen_id") ?? "") || members.contains(record.text("co_owner_citizen_id") ?? ""))
                    && record.text("status") != "cancelled"
            }
        }
        return facts
    }

    /// Why a theme cannot be used: not in the mirror at all, or a needed field never delivered.
    private func unavailable(_ theme: String, fields: [String]) throws -> String? {
        guard themes.contains(theme) else {
            return "the mirror holds no \(theme) records: the centre has no grant in force for \(theme) (apply with `shuniu grants apply --as household-economic-check-centre --theme \(theme) --function household-economic-status-verification ...`)"
        }
        if fieldCache[theme] == nil {
            var seen = Set<String>()
            for row in try database.query("SELECT row FROM shuniu_versions WHERE theme = ? AND action = 'upserted' LIMIT 200", [.text(theme)]) {
                if let text = row[0].text, let parsed = try? Row.parse(bytes: Array(text.utf8)) { seen.formUnion(parsed.names) }
            }
            fieldCache[theme] = seen
        }
        let missing = fields.filter { !(fieldCache[theme]?.contains($0) ?? false) }
        guard missing.isEmpty else {
            return "the centre's grant on \(theme) does not deliver \(missing.joined(separator: ", ")): apply for a grant with these fields"
        }
        return nil
    }

    /// Subjects of `theme` that ever had `field` equal to one of `values`.
    private func subjects(theme: String, field: String, values: Set<String>) throws -> Set<String> {
        var result = Set<String>()
        for value in values {
            // The planner prefers the primary key's `theme` prefix (a scan of the theme) unless told.
            let index = field == "co_owner_citizen_id" ? "shuniu_versions_co_owner" : "shuniu_versions_owner"
            for row in try database.query("SELECT DISTINCT subject FROM shuniu_versions INDEXED BY \(index) WHERE theme = ? AND json_extract(row, '$.\(field)') = ?",
                                          [.text(theme), .text(value)]) {
                if let subject = row[0].text { result.insert(subject) }
            }
        }
        return result
    }

    /// Every version of these subjects, oldest first.
    private func versions(theme: String, subjects: [String]) throws -> [EvidenceRecord] {
        var records: [EvidenceRecord] = []
        for subject in subjects {
            for row in try database.query("""
                SELECT subject, ce_id, provider, grant_id, position, ce_time, row, action FROM shuniu_versions
                WHERE theme = ? AND subject = ? ORDER BY ce_sequence
                """, [.text(theme), .text(subject)]) where row[7].text == "upserted" {
                records.append(record(theme: theme, row))
            }
        }
        return records
    }

    /// The version in force on `day` of each subject (none if its latest version by then is a delete).
    private func asOf(theme: String, subjects: some Sequence<String>, day: String) throws -> [EvidenceRecord] {
        var records: [EvidenceRecord] = []
        for subject in subjects.sorted() {
            guard let row = try database.query("""
                SELECT subject, ce_id, provider, grant_id, position, ce_time, row, action FROM shuniu_versions
                WHERE theme = ? AND subject = ? AND ce_time <= ? ORDER BY ce_sequence DESC LIMIT 1
                """, [.text(theme), .text(subject), .text(day)]).first, row[7].text == "upserted" else { continue }
            records.append(record(theme: theme, row))
        }
        return records
    }

    private func record(theme: String, _ row: [SQLiteValue]) -> EvidenceRecord {
        EvidenceRecord(theme: theme, subject: row[0].text ?? "", eventID: row[1].text ?? "", provider: row[2].text ?? "",
                       grant: row[3].text ?? "", position: row[4].text ?? "", time: row[5].text ?? "",
                       row: (try? Row.parse(bytes: Array((row[6].text ?? "{}").utf8))) ?? Row())
    }
}
