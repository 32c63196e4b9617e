import Foundation
import ShuniuLibraries
import ShuniuModel

/// The demo's view of the projected libraries: sizes, digests, one person with lineage, and
/// the data comparison report.
struct LibrarySummary {
    let store: SQLiteLibraryStore
    let catalogue: Catalogue
    let path: String

    func print() throws {
        let totals = try store.totals()
        Console.say("")
        Console.say("8. the libraries, projected from the base themes into \(path):")
        Console.say("   person library: \(totals.subjects[.person] ?? 0) persons, \(totals.slices[.person] ?? 0) theme records; digest \(try store.digest(.person).prefix(16))…")
        Console.say("   legal-entity library: \(totals.subjects[.entity] ?? 0) entities, \(totals.slices[.entity] ?? 0) theme records; digest \(try store.digest(.entity).prefix(16))…")
        var married: [String] = []
        try store.scan(.person, theme: "marriage") { subject, _ in if married.count < 100 { married.append(subject) } }
        // A living person with as many themes as possible.
        let records = try married.compactMap { try store.record(.person, subject: $0) }.filter { $0.slice("death") == nil }
        if let record = records.max(by: { $0.slices.count < $1.slices.count }) {
            let subject = record.subject
            Console.say("   one person's record merges \(record.slices.count) themes, each with the event it came from:")
            for slice in record.slices {
                Console.say("     \(slice.theme): from \(slice.lineage.department), version \(slice.lineage.sequence) of \(slice.lineage.eventTime.prefix(10)) (\(slice.lineage.source))")
            }
            Console.say("   see it all: .build/release/shuniu person \(subject)")
        }
        let report = try QualityCheck(store: store, catalogue: catalogue).run()
        let counts = report.counts
        let line = QualityFinding.Kind.allCases.map { "\($0.rawValue) \(counts[$0]?.values.reduce(0, +) ?? 0)" }.joined(separator: ", ")
        Console.say("   data comparison (shuniu quality): \(report.findings.count) inconsistencies (\(line))")
    }
}
