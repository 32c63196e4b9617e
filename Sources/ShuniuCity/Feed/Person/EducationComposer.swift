import ShuniuModel

/// `education` (education): a person's highest qualification; a new version at each
/// graduation in the window (e.g. senior secondary in 2016, then a bachelor's degree in 2020).
struct EducationComposer: ThemeComposer {
    let themeID = "education"

    /// The levels completed on the way to a final level.
    static func path(to level: EducationLevel, _ random: inout CityRandom) -> [EducationLevel] {
        switch level {
        case .none: []
        case .primary: [.primary]
        case .juniorSecondary: [.primary, .juniorSecondary]
        case .seniorSecondary: [.primary, .juniorSecondary, .seniorSecondary]
        case .vocationalSecondary: [.primary, .juniorSecondary, .vocationalSecondary]
        case .juniorCollege: [.primary, .juniorSecondary, random.chance(0.5) ? .vocationalSecondary : .seniorSecondary, .juniorCollege]
        case .bachelor: [.primary, .juniorSecondary, .seniorSecondary, .bachelor]
        case .master: [.primary, .juniorSecondary, .seniorSecondary, .bachelor, .master]
        case .doctorate: [.primary, .juniorSecondary, .seniorSecondary, .bachelor, .master, .doctorate]
        }
    }

    func compose(_ city: City, into lines: ThemeLines) {
        for index in city.persons.indices {
            let person = city.persons[index]
            guard person.education >= .primary else { continue }
            var random = city.random(RandomStream("education-record"), index)
            let district = city.districts[person.birthDistrict]
            lines.history(subject: person.id, index: index, deadline: person.death) { timeline in
                for level in Self.path(to: person.education, &random) {
                    let year = CityCalendar.year(person.birth) + level.graduationAge
                    let graduated = CityCalendar.day(year, 6, 20) + random.int(0...25)
                    guard graduated <= CityCalendar.windowEnd else { break }
                    var row = RowBuilder()
                    row.string("citizen_id", person.id)
                    row.string("name", person.name)
                    row.string("highest_level", level.catalogueValue)
                    switch level {
                    case .none, .primary, .juniorSecondary:
                        row.string("institution", SchoolLexicon.localSchool(level, district: district, &random))
                        row.string("study_mode", "full-time")
                    case .seniorSecondary, .vocationalSecondary:
                        row.string("institution", random.pick(level == .seniorSecondary ? SchoolLexicon.seniorSchools
                                                                  : SchoolLexicon.vocationalSchools))
                        row.string("study_mode", "full-time")
                    case .juniorCollege, .bachelor, .master, .doctorate:
                        let school = level == .juniorCollege ? random.pick(SchoolLexicon.colleges) : random.pick(SchoolLexicon.universities)
                        let levelCode = level == .juniorCollege ? "06" : level == .bachelor ? "05" : level == .master ? "04" : "03"
                        row.string("institution", school.name)
                        row.string("major", random.pick(SchoolLexicon.majors))
                        row.string("study_mode", random.chance(0.85) ? "full-time" : random.pick(["part-time", "self-study-exam", "distance"]))
                        row.string("certificate_no", school.code + "1" + String(year) + levelCode
                            + String(padded: (index &* 7_919 &+ level.rawValue) % 1_000_000, width: 6))
                    }
                    row.date("graduated_on", graduated)
                    guard timeline.publish(row.row, on: graduated) else { break }
                }
            }
        }
    }
}
