import ShuniuLibraries
import ShuniuModel
import ShuniuSQLite

/// Writes one batch of ``CreditChange``s inside the caller's transaction: each record change
/// applied only if newer than the stored record (tombstones for deletes), each objection step
/// once (by its id) through ``ObjectionRules``, then the source positions and counters.
struct CreditWriter {
    let database: SQLiteDatabase
    let rules: ObjectionRules

    func write(_ changes: [CreditChange], progress: [PartitionProgress]) throws -> ApplyOutcome {
        var tally = PositionsTable.Tally()
        for change in changes {
            let applied: Bool
            let source: String
            switch change {
            case .record(let record):
                applied = try write(record)
                source = record.lineage.source
            case .objection(let event, let position):
                applied = try write(event, source: position)
                source = position
            case .refusedObjection(let event, let position, let refusal):
                applied = try write(event, source: position, refused: refusal)
                source = position
            }
            tally.count(applied: applied, source: source)
        }
        try tally.write(progress, into: database)
        return tally.outcome
    }

    private func write(_ change: CreditRecordChange) throws -> Bool {
        let upsert = try database.statement(CreditSchema.upsert)
        defer { upsert.reset() }
        let lineage = change.lineage
        try upsert.bind([.text(change.id), .text(change.theme), change.subject.map { .text($0) } ?? .null,
                         change.kind.map { .text($0.rawValue) } ?? .null, .text(change.creditClass.rawValue),
                         .integer(change.sequence), change.row.map { .blob($0) } ?? .null,
                         change.date.map { .text($0) } ?? .null, change.publicityUntil.map { .text($0) } ?? .null,
                         .text(lineage.department), .text(lineage.eventID), .text(lineage.eventTime), .text(lineage.source)])
        _ = try upsert.step()
        return database.changes > 0
    }

    /// Applies an objection step once; a refused step is kept in the history with its refusal.
    /// Returns false for a duplicate or a refused step.
    private func write(_ event: ObjectionEvent, source: String, refused: String? = nil) throws -> Bool {
        if try !database.query("SELECT 1 FROM objection_steps WHERE step_id = ?1", [.text(event.id)]).isEmpty { return false }
        var refusal = refused
        if refusal == nil {
            let current = try CreditQueries.objection(database, event.objection)
            switch Result(catching: { () throws(CreditRefusal) -> Objection in try rules.apply(event, to: current) }) {
            case .success(let next): try CreditQueries.save(database, next)
            case .failure(let error): refusal = "\(error.code): \(error.message)"
            }
        }
        let ordinal = try database.query("SELECT COALESCE(MAX(ordinal) + 1, 0) FROM objection_steps").first?.first?.integer ?? 0
        try database.run("INSERT INTO objection_steps(step_id, ordinal, objection, kind, body, refusal, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                         [.text(event.id), .integer(ordinal), .text(event.objection), .text(event.kind.rawValue), .blob(event.encoded()),
                          refusal.map { .text($0) } ?? .null, .text(source)])
        return refusal == nil
    }

}
