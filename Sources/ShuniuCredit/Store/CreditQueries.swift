import ShuniuLibraries
import ShuniuModel
import ShuniuSQLite

/// The queries of the credit store, shared by the writer's and the readers' connections.
enum CreditQueries {
    /// The live records of `subject`, by record id.
    static func records(_ database: SQLiteDatabase, subject: String) throws -> [CreditRecord] {
        try database.query("SELECT \(CreditSchema.recordColumns) FROM records WHERE subject = ?1 AND row IS NOT NULL ORDER BY id",
                           [.text(subject)]).compactMap(record)
    }

    /// The live record `id`.
    static func record(_ database: SQLiteDatabase, id: String) throws -> CreditRecord? {
        try database.query("SELECT \(CreditSchema.recordColumns) FROM records WHERE id = ?1 AND row IS NOT NULL", [.text(id)])
            .compactMap(record).first
    }

    /// Every subject with a live record, in order.
    static func subjects(_ database: SQLiteDatabase) throws -> [String] {
        try database.query("SELECT DISTINCT subject FROM records WHERE row IS NOT NULL ORDER BY subject").compactMap { $0[0].text }
    }

    static func subjects(_ database: SQLiteDatabase, mentioning text: String, limit: Int) throws -> [String] {
        try database.query("""
            SELECT DISTINCT subject FROM records
            WHERE row IS NOT NULL AND kind <> 'individual' AND instr(CAST(row AS TEXT), ?1) > 0 ORDER BY subject LIMIT ?2
            """, [.text(text), .integer(Int64(limit))]).compactMap { $0[0].text }
    }

    static func objection(_ database: SQLiteDatabase, _ id: String) throws -> Objection? {
        try database.query("SELECT \(CreditSchema.objectionColumns) FROM objections WHERE id = ?1", [.text(id)]).compactMap(objection).first
    }

    /// Objections, filtered by subject and/or record, in filing order.
    static func objections(_ database: SQLiteDatabase, subject: String? = nil, record: String? = nil) throws -> [Objection] {
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        if let subject { values.append(.text(subject)); conditions.append("subject = ?\(values.count)") }
        if let record { values.append(.text(record)); conditions.append("record = ?\(values.count)") }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try database.query("SELECT \(CreditSchema.objectionColumns) FROM objections \(filter) ORDER BY filed_at, id", values)
            .compactMap(objection)
    }

    /// The steps of an objection in log order, with the refusal of refused ones.
    static func steps(_ database: SQLiteDatabase, objection: String) throws -> [(step: ObjectionEvent, refusal: String?)] {
        try database.query("SELECT body, refusal FROM objection_steps WHERE objection = ?1 ORDER BY ordinal", [.text(objection)])
            .compactMap { row in
                guard let body = row[0].blob, let step = try? ObjectionEvent.decode(body) else { return nil }
                return (step, row[1].text)
            }
    }

    static func save(_ database: SQLiteDatabase, _ objection: Objection) throws {
        try database.run(CreditSchema.saveObjection, [
            .text(objection.id), .text(objection.subject), .text(objection.record), .text(objection.theme),
            objection.recordSequence.map { .integer($0) } ?? .null, .text(objection.state.rawValue), .text(objection.reason),
            .text(objection.filedAt), .text(objection.filedOn.description), objection.decidedBy.map { .text($0) } ?? .null,
            objection.decidedAt.map { .text($0) } ?? .null, objection.decisionReason.map { .text($0) } ?? .null,
            objection.correction.map { .text($0) } ?? .null,
        ])
    }

    static func totals(_ database: SQLiteDatabase) throws -> CreditTotals {
        var totals = CreditTotals()
        for row in try database.query("SELECT class, COUNT(*) FROM records WHERE row IS NOT NULL GROUP BY class") {
            if let name = row[0].text, let creditClass = CreditClass(rawValue: name) { totals.records[creditClass] = Int(row[1].integer ?? 0) }
        }
        for row in try database.query("SELECT kind, COUNT(DISTINCT subject) FROM records WHERE row IS NOT NULL GROUP BY kind") {
            if let name = row[0].text, let kind = CreditSubjectKind(rawValue: name) { totals.subjects[kind] = Int(row[1].integer ?? 0) }
        }
        for row in try database.query("SELECT state, COUNT(*) FROM objections GROUP BY state") {
            if let name = row[0].text, let state = ObjectionState(rawValue: name) { totals.objections[state] = Int(row[1].integer ?? 0) }
        }
        (totals.read, totals.rejected, totals.applied, totals.stale) = try PositionsTable.counters(database)
        return totals
    }

    /// Reads the columns of ``CreditSchema/recordColumns``.
    private static func record(_ row: [SQLiteValue]) -> CreditRecord? {
        guard let id = row[0].text, let theme = row[1].text, let subject = row[2].text,
              let kind = row[3].text.flatMap(CreditSubjectKind.init(rawValue:)),
              let creditClass = row[4].text.flatMap(CreditClass.init(rawValue:)), let seq = row[5].integer,
              let bytes = row[6].blob, let parsed = try? Row.parse(bytes: bytes) else { return nil }
        let lineage = Lineage(department: row[9].text ?? "", eventID: row[10].text ?? "", sequence: seq,
                              eventTime: row[11].text ?? "", source: row[12].text ?? "")
        return CreditRecord(id: id, theme: theme, subject: subject, kind: kind, creditClass: creditClass, row: parsed,
                            date: row[7].text, publicityUntil: row[8].text, lineage: lineage)
    }

    /// Reads the columns of ``CreditSchema/objectionColumns``.
    private static func objection(_ row: [SQLiteValue]) -> Objection? {
        guard let id = row[0].text, let subject = row[1].text, let record = row[2].text, let theme = row[3].text,
              let state = row[5].text.flatMap(ObjectionState.init(rawValue:)), let reason = row[6].text,
              let filedAt = row[7].text, let filedOn = row[8].text.flatMap({ CalendarDate(iso: $0) }) else { return nil }
        return Objection(id: id, subject: subject, record: record, theme: theme, recordSequence: row[4].integer, state: state,
                         reason: reason, filedAt: filedAt, filedOn: filedOn, decidedBy: row[9].text, decidedAt: row[10].text,
                         decisionReason: row[11].text, correction: row[12].text)
    }
}

/// What a credit library holds and what its projector has seen.
public struct CreditTotals: Sendable, Hashable {
    /// Live records per class.
    public var records: [CreditClass: Int] = [:]
    /// Subjects with a live record, per kind.
    public var subjects: [CreditSubjectKind: Int] = [:]
    /// Objections per state.
    public var objections: [ObjectionState: Int] = [:]
    /// Source records read.
    public var read = 0
    /// Records refused (validation, no subject, malformed steps).
    public var rejected = 0
    /// Changes that took effect.
    public var applied = 0
    /// Duplicates, older versions and refused objection steps.
    public var stale = 0

    /// Empty totals.
    public init() {}
}
