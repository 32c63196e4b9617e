import Foundation
import ShuniuCity
import ShuniuCredit
import ShuniuModel
import Testing

/// Property-style: over every subject of a generated city, on several days and for several
/// departments, no view ever shows a record or a field it may not.
@Suite(.serialized) struct CityDisclosureTests {
    static let keys = PseudonymKeys(secret: .ephemeral(), departments: [])

    /// The city's credit themes projected, with objections filed against every fifth penalty
    /// (half of them decided).
    static func cityLibrary() throws -> (CreditFixture, [ChangeEvent]) {
        let fixture = try CreditFixture()
        let city = CityGenerator(parameters: CityParameters(persons: 1_500, entities: 250, seed: 7)).build()
        let report = try CityWriter(catalogue: fixture.catalogue, directory: fixture.directory.appendingPathComponent("city"), workers: 2).write(city)
        let events = try report.events(in: fixture.directory.appendingPathComponent("city"), catalogue: fixture.catalogue) {
            CreditSource.byTheme[$0.id] != nil
        }
        let outcome = try fixture.feed(events)
        #expect(outcome.applied > 0)
        var steps: [ObjectionEvent] = []
        let penalties = events.filter { $0.theme == "administrative-penalties" }.map(\.subject)
        for (index, number) in Set(penalties).sorted().enumerated() where index % 5 == 0 {
            let record = try #require(try fixture.store.record("administrative-penalties/\(number)"))
            let id = "o\(index)"
            steps.append(CreditEvents.step(id, .filed, by: record.subject, at: "2026-02-02T09:00:00Z", subject: record.subject,
                                           record: record.id, sequence: record.lineage.sequence, reason: "disputed"))
            if index % 10 == 0 { steps.append(CreditEvents.step(id, .upheld, by: "justice", at: "2026-02-03T09:00:00Z")) }
        }
        try fixture.feed(steps)
        return (fixture, events)
    }

    /// Grants of three departments: development-reform on every credit theme open to its
    /// function (all fields, citizen IDs masked, tax limited to two districts), market-regulation
    /// on the dishonest debtors, courts on nothing.
    static func grants(_ catalogue: Catalogue) throws -> GrantTable {
        var applications: [(String, GrantApplication)] = []
        for source in CreditSource.all {
            guard let theme = catalogue.theme(source.theme), theme.entitles("credit-information-management"),
                  theme.share.type == .unconditional else { continue }
            let masks = Dictionary(uniqueKeysWithValues: theme.fields.filter { $0.type == .citizenID }.map { ($0.name, "partial") })
            let scope: [String: [String]] = theme.id == "tax-registration" ? ["district": ["yuexiu", "tianhe"]] : [:]
            applications.append(("g-dr-\(theme.id)", GrantApplication(subscriber: "development-reform", theme: theme.id,
                                                                      function: "credit-information-management", basis: "test",
                                                                      fields: theme.fields.map(\.name), masks: masks, scope: scope)))
        }
        applications.append(("g-mr-debtors", GrantApplication(subscriber: "market-regulation", theme: "court-dishonest-debtors",
                                                              function: "commercial-registration", basis: "test",
                                                              fields: ["debtor_name", "case_no", "status"])))
        return try CreditEvents.grants(applications)
    }

    @Test func noViewLeaksANonPublicRecordOrField() throws {
        let (fixture, _) = try Self.cityLibrary()
        let catalogue = fixture.catalogue
        let grants = try Self.grants(catalogue)
        let reader = fixture.reader
        var publicFields: [String: Set<String>] = [:]
        for source in CreditSource.all {
            publicFields[source.theme] = Set(catalogue.theme(source.theme)!.fields.filter { $0.sensitivity == .public }.map(\.name))
        }
        let subjects = try fixture.store.subjects()
        #expect(subjects.count > 250)
        var shown = (public: 0, granted: 0, disputedHidden: 0, ended: 0)
        for day in ["2024-06-01", "2026-11-23", "2031-01-01"].compactMap({ CalendarDate(iso: $0) }) {
            for subject in subjects {
                let records = try fixture.store.records(subject: subject)
                let objections = try records.flatMap { try fixture.store.objections(subject: nil, record: $0.id) }
                let byID = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
                let view = try reader.publicView(subject, on: day)
                for entry in view.entries {
                    let record = try #require(byID[entry.record])
                    #expect(CreditSource.doublePublicityThemes.contains(entry.theme))
                    #expect(!record.publicityEnded(on: day))
                    #expect(!objections.contains { $0.record == entry.record && ($0.state.isOpen || $0.state == .upheld) })
                    #expect(Set(entry.fields.names).isSubset(of: publicFields[entry.theme]!))
                    for field in entry.fields.fields {
                        if let text = field.value.stringValue, text.count == 18 { #expect((try? CitizenID(validating: text)) == nil) }
                    }
                    shown.public += 1
                }
                let publicIDs = Set(view.entries.map(\.record))
                for record in records where record.isDoublePublicity && !publicIDs.contains(record.id) {
                    if record.publicityEnded(on: day) { shown.ended += 1 } else {
                        #expect(objections.contains { $0.record == record.id && ($0.state.isOpen || $0.state == .upheld) })
                        shown.disputedHidden += 1
                    }
                }
                for department in ["development-reform", "market-regulation", "courts"] {
                    let authorised = try reader.authorisedView(subject, department: department, grants: grants, on: day, keys: Self.keys)
                    let inForce = { (record: CreditRecord) in
                        grants.inForce(theme: record.theme, on: day).first { $0.subscriber == department && $0.covers(record.row) }
                    }
                    for entry in authorised.entries {
                        let record = try #require(byID[entry.record])
                        if let id = entry.grant {
                            let grant = try #require(grants.grant(id))
                            #expect(grant.subscriber == department && grant.theme == record.theme && grant.isInForce(on: day) && grant.covers(record.row))
                            #expect(Set(entry.fields.names).isSubset(of: Set(grant.deliveredFields)))
                            for (name, _) in grant.masks {
                                if let raw = record.row[name], raw != .null { #expect(entry.fields[name] != raw) }
                            }
                            shown.granted += 1
                        } else {
                            #expect(record.isDoublePublicity && !record.publicityEnded(on: day))
                            #expect(Set(entry.fields.names).isSubset(of: publicFields[entry.theme]!))
                        }
                    }
                    // Complete as well as safe: every record a grant covers is shown under it.
                    let expected = records.filter { inForce($0) != nil }.map(\.id)
                    #expect(Set(expected).isSubset(of: Set(authorised.entries.filter { $0.grant != nil }.map(\.record))))
                }
            }
        }
        #expect(shown.public > 100 && shown.granted > 100 && shown.disputedHidden > 0 && shown.ended > 0)
    }
}
