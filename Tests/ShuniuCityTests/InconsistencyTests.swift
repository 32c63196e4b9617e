import Foundation
import ShuniuCity
import Testing

@Suite("--inconsistencies injects known issues and lists them")
struct InconsistencyTests {
    @Test func eachInjectedIssueIsPresentAndListed() throws {
        let city = try SharedCities.flawed.get()
        let audit = CityAudit(feeds: city.feeds)
        #expect(city.report.inconsistencies.count == 4)
        #expect(Set(city.report.inconsistencies.map(\.kind)) == Set(InconsistencyKind.allCases))
        for issue in city.report.inconsistencies {
            #expect(audit.findings(issue.kind) == [issue.subject], "\(issue.kind.rawValue): \(audit.findings(issue.kind))")
            #expect(city.feeds.subjects(issue.theme, key: issue.theme == "tax-registration" ? "credit_code" : "citizen_id")
                .contains(issue.subject))
        }
    }

    @Test func manifestListsTheIssues() throws {
        let city = try SharedCities.flawed.get()
        let data = try Data(contentsOf: city.directory.appendingPathComponent("manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let listed = try #require(manifest["inconsistencies"] as? [[String: String]])
        #expect(listed.count == 4)
        #expect(Set(listed.compactMap { $0["kind"] }) == Set(InconsistencyKind.allCases.map(\.rawValue)))
        #expect(Set(listed.compactMap { $0["subject"] }) == Set(city.report.inconsistencies.map(\.subject)))
    }

    @Test func injectionLeavesTheRestOfTheCityUnchanged() throws {
        let clean = try SharedCities.clean.get()
        let flawed = try SharedCities.flawed.get()
        let changed = Set(flawed.report.inconsistencies.map(\.theme))
        for file in clean.report.files where !changed.contains(file.theme) {
            let a = try Data(contentsOf: clean.directory.appendingPathComponent(file.path))
            let b = try Data(contentsOf: flawed.directory.appendingPathComponent(file.path))
            #expect(a == b, "\(file.path) differs")
        }
    }
}
