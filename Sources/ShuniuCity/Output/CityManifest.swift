import Foundation
import ShuniuModel

/// `manifest.json`: what was generated and from which parameters, with sorted keys and no
/// timings, so the same parameters give the same bytes.
struct CityManifest: Encodable {
    static let fileName = "manifest.json"

    struct Parameters: Encodable {
        let persons: Int
        let entities: Int
        let seed: UInt64
        let inconsistencies: Int
        let migrants: Int
        let windowStart: String
        let windowEnd: String
        let catalogueThemes: Int
        enum CodingKeys: String, CodingKey {
            case persons, entities, seed, inconsistencies, migrants
            case windowStart = "window_start", windowEnd = "window_end", catalogueThemes = "catalogue_themes"
        }
    }

    struct Subjects: Encodable {
        let persons: Int
        let entities: Int
        let governmentBodies: Int
        let migrants: Int
        let households: Int
        enum CodingKeys: String, CodingKey {
            case persons, entities, migrants, households
            case governmentBodies = "government_bodies"
        }
    }

    struct HouseholdFile: Encodable {
        let file: String
        let count: Int
    }

    let format = "shuniu-city/1"
    let generator = "shuniu generate"
    let seed: UInt64
    let persons: Int
    let entities: Int
    let parameters: Parameters
    let subjects: Subjects
    let files: [String: Int]
    let departments: [String: Int]
    let lines: Int
    let households: HouseholdFile
    let inconsistencies: [Inconsistency]
    let emptyThemes: [String]

    enum CodingKeys: String, CodingKey {
        case format, generator, seed, persons, entities, parameters, subjects, files, departments, lines, households
        case inconsistencies, emptyThemes = "empty_themes"
    }

    init(city: City, report: CityReport, catalogue: Catalogue) {
        let parameters = city.parameters
        seed = parameters.seed
        persons = parameters.persons
        entities = parameters.entities
        self.parameters = Parameters(persons: parameters.persons, entities: parameters.entities, seed: parameters.seed,
                                     inconsistencies: parameters.inconsistencies, migrants: parameters.migrants,
                                     windowStart: CityCalendar.iso(CityCalendar.windowStart),
                                     windowEnd: CityCalendar.iso(CityCalendar.windowEnd),
                                     catalogueThemes: catalogue.themes.count)
        let governmentBodies = city.entities.filter { $0.kind == .governmentBody }.count
        subjects = Subjects(persons: city.persons.count, entities: city.entities.count - governmentBodies,
                            governmentBodies: governmentBodies, migrants: city.migrants.count,
                            households: report.households)
        files = Dictionary(uniqueKeysWithValues: report.files.map { ($0.path, $0.lines) })
        departments = Dictionary(uniqueKeysWithValues: report.linesByDepartment.map { ($0.department, $0.lines) })
        lines = report.totalLines
        households = HouseholdFile(file: HouseholdList.fileName, count: report.households)
        inconsistencies = report.inconsistencies
        emptyThemes = report.emptyThemes
    }

    func write(to url: URL) throws(CityWriterError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(self)
            data.append(UInt8(ascii: "\n"))
            try PrivateFile.write(data, to: url.path)  // names subjects (inconsistencies): mode 0600
        } catch {
            throw .writeFailed(url.path, "\(error)")
        }
    }
}
