import Foundation
import ShuniuModel

/// The credit library's read API, for the CLI and the HTTP endpoints: a subject's public view,
/// a department's authorised view, and the objections (all, a subject's, overdue ones).
public struct CreditReader: Sendable {
    /// The stored facts.
    public let lookup: any CreditLookup
    /// The working days a provider has to decide an objection (15 by default).
    public var deadlineDays: Int
    private let disclosure: CreditDisclosure

    /// A reader of `lookup` under `catalogue`'s sensitivities.
    public init(lookup: any CreditLookup, catalogue: Catalogue, deadlineDays: Int = 15) {
        self.lookup = lookup
        self.deadlineDays = deadlineDays
        disclosure = CreditDisclosure(catalogue: catalogue)
    }

    /// What anyone may see of `subject` on `day`.
    public func publicView(_ subject: String, on day: CalendarDate) throws -> CreditView {
        let subject = subject.uppercased()
        let records = try lookup.records(subject: subject)
        return disclosure.publicView(subject: subject, records: records, objections: try objections(of: records), on: day)
    }

    /// What `department` may see of `subject` on `day` under the grants in `grants`.
    public func authorisedView(_ subject: String, department: String, grants: GrantTable, on day: CalendarDate,
                               keys: PseudonymKeys) throws -> CreditView {
        let subject = subject.uppercased()
        let records = try lookup.records(subject: subject)
        return disclosure.authorisedView(subject: subject, records: records, objections: try objections(of: records),
                                         on: day, department: department, grants: grants, keys: keys)
    }

    /// The public views of the organisations (not individuals) whose publicly shown fields
    /// contain `name` (case-insensitive), at most `limit`: the credit publicity's search by
    /// name. Only what the public view shows is matched, so a search reveals nothing beyond it.
    public func search(name: String, on day: CalendarDate, limit: Int = 20) throws -> [CreditView] {
        let needle = name.trimmingCharacters(in: .whitespaces)
        guard needle.count >= 2 else { return [] }
        var found: [CreditView] = []
        for subject in try lookup.subjects(mentioning: needle, limit: limit * 5) where found.count < limit {
            let view = try publicView(subject, on: day)
            let shown = view.entries.contains { entry in
                entry.fields.fields.contains { field in
                    field.value.stringValue?.range(of: needle, options: .caseInsensitive) != nil
                }
            }
            if shown { found.append(view) }
        }
        return found
    }

    /// Objections, optionally only `subject`'s, optionally only those overdue on `overdueOn`.
    public func objections(subject: String? = nil, overdueOn day: CalendarDate? = nil) throws -> [Objection] {
        let all = try lookup.objections(subject: subject?.uppercased(), record: nil)
        guard let day else { return all }
        return all.filter { $0.isOverdue(on: day, workingDays: deadlineDays) }
    }

    /// The last day a decision on `objection` is due.
    public func due(_ objection: Objection) -> CalendarDate { objection.due(workingDays: deadlineDays) }

    private func objections(of records: [CreditRecord]) throws -> [Objection] {
        var found: [Objection] = []
        for record in records { found += try lookup.objections(subject: nil, record: record.id) }
        return found
    }
}
