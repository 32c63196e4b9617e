import Foundation
import ShuniuCity
import ShuniuModel
import Testing

/// Cities shared by the suites (generated once per test process).
enum SharedCities {
    /// A clean city of 2 000 persons and 200 entities.
    static let clean = Result { try GeneratedCity("clean", persons: 2_000, entities: 200, seed: 1) }
    /// The same with the four kinds of issue injected.
    static let flawed = Result { try GeneratedCity("flawed", persons: 2_000, entities: 200, seed: 1, inconsistencies: 4) }
}

@Suite("Generated feeds validate against the catalogue")
struct FeedValidationTests {
    @Test func everyLinePassesEventValidation() throws {
        let city = try SharedCities.clean.get()
        let result = try FeedVerifier(catalogue: city.catalogue).verify(directory: city.directory)
        #expect(result.problemCount == 0, "\(result.problems.prefix(10).map(\.description).joined(separator: "\n"))")
        #expect(result.linesByTheme.values.reduce(0, +) == city.report.totalLines)
    }

    @Test func everyLineIsAValidChangeEventOfItsProvider() throws {
        let city = try SharedCities.clean.get()
        let validator = EventValidator(catalogue: city.catalogue)
        var checked = 0
        for theme in city.catalogue.themes {
            for record in city.feeds.lines(theme.id) {
                let time = try #require(record.time)
                let event = record.event(theme: theme, department: theme.provider, defaultSequence: 0, defaultTime: time)
                #expect(throws: Never.self, "\(theme.id) \(event.subject)") { _ = try validator.validate(event) }
                checked += 1
            }
        }
        #expect(checked == city.report.totalLines)
    }

    @Test func sequencesStartAtOneAndTimesIncreasePerSubject() throws {
        let city = try SharedCities.clean.get()
        for theme in city.catalogue.themes {
            var last: [String: (sequence: Int64, time: String)] = [:]
            for record in city.feeds.lines(theme.id) {
                let subject = try #require(record.row[theme.subject.key]?.stringValue)
                let sequence = try #require(record.sequence)
                let time = try #require(record.time)
                let previous = last[subject] ?? (0, "")
                #expect(sequence == previous.sequence + 1, "\(theme.id) \(subject)")
                #expect(time > previous.time, "\(theme.id) \(subject)")
                #expect(time >= "2015-01-01" && time < "2026-07-01", "\(theme.id) \(subject) at \(time)")
                last[subject] = (sequence, time)
            }
        }
    }

    @Test func everyFilledThemeHasLines() throws {
        let city = try SharedCities.clean.get()
        #expect(city.report.files.count == city.catalogue.themes.count - city.report.emptyThemes.count)
        #expect(city.report.emptyThemes.isEmpty, "themes left empty: \(city.report.emptyThemes)")
        for file in city.report.files {
            #expect(file.lines > 0, "\(file.path) is empty")
        }
    }

    @Test func filesAreNamedByProviderAndTheme() throws {
        let city = try SharedCities.clean.get()
        for file in city.report.files {
            let theme = try #require(city.catalogue.theme(file.theme))
            #expect(file.path == "\(theme.provider)/\(theme.id).jsonl")
            #expect(FileManager.default.fileExists(atPath: city.directory.appendingPathComponent(file.path).path))
        }
    }

    @Test func linesAreOrderedByTimeThenSubject() throws {
        let city = try SharedCities.clean.get()
        for theme in city.catalogue.themes {
            let key = theme.subject.key
            let order = city.feeds.lines(theme.id).map { ($0.time ?? "", $0.row[key]?.stringValue ?? "") }
            #expect(zip(order, order.dropFirst()).allSatisfy { $0 <= $1 }, "\(theme.id) is not sorted")
        }
    }

    @Test func flawedCityStillValidates() throws {
        let city = try SharedCities.flawed.get()
        let result = try FeedVerifier(catalogue: city.catalogue).verify(directory: city.directory)
        #expect(result.problemCount == 0, "\(result.problems.prefix(10).map(\.description).joined(separator: "\n"))")
    }
}
