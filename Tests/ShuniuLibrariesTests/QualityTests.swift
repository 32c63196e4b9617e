import ShuniuLibraries
import ShuniuModel
import Testing

@Suite("Data comparison report on generated cities")
struct QualityTests {
    @Test func aCleanCityHasNoFinding() throws {
        let city = try CityLibrary(persons: 1_500, entities: 150)
        let report = try QualityCheck(store: city.store, catalogue: city.catalogue).run()
        #expect(report.findings.isEmpty, "\(report.findings.prefix(5))")
    }

    @Test func everyInjectedIssueIsFoundAndNothingElse() throws {
        let city = try CityLibrary(persons: 1_500, entities: 150, inconsistencies: 8)
        #expect(city.report.inconsistencies.count == 8)
        let report = try QualityCheck(store: city.store, catalogue: city.catalogue).run()
        let found = Set(report.findings.map { "\($0.kind.rawValue) \($0.subject)" })
        let injected = Set(city.report.inconsistencies.map { "\($0.kind.rawValue) \($0.subject)" })
        #expect(found == injected)
        let counts = report.counts
        #expect(counts[.taxRegistrationUnknownCreditCode]?["tax"] == 2)
        #expect(counts[.spouseNotInPersonLibrary]?["civil-affairs"] == 2)
        #expect(counts[.birthDateMismatch]?["public-security"] == 2)
        #expect(counts[.eventAfterDeath]?["human-resources-social-security"] == 2)
    }

    @Test func theLibraryHoldsEachSubjectsLatestRowOfEveryTheme() throws {
        let city = try CityLibrary(persons: 800, entities: 80)
        var latest: [String: SliceChange] = [:]
        for change in city.changes {
            let key = "\(change.library.rawValue)|\(change.subject)|\(change.theme)"
            if (latest[key]?.sequence ?? 0) < change.sequence { latest[key] = change }
        }
        for change in latest.values {
            let record = try #require(try city.store.record(change.library, subject: change.subject))
            let slice = try #require(record.slice(change.theme))
            #expect(slice.row.serialized() == (try Row.parse(bytes: change.row ?? [])).serialized())
            #expect(slice.lineage == change.lineage)
        }
        let totals = try city.store.totals()
        #expect(totals.slices.values.reduce(0, +) == latest.count)
        #expect(totals.subjects[.person] == 800)
    }
}
