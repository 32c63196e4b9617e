import ShuniuModel

/// A disability certificate (残疾人证) and its renewals, shared by `disability` and `e-licences`.
struct DisabilityRecord: Sendable {
    static let categories = ["visual", "hearing", "speech", "physical", "intellectual", "mental", "multiple"]

    let category: Int
    let level: Int
    /// Issue days: the first certificate and any renewals (valid ten years each).
    let issues: [Int]
    /// Whether the last certificate was left to expire.
    let lapses: Bool

    /// The certificate number: citizen ID, category digit, level digit.
    func number(_ person: Person) -> String { person.id + String(category + 1) + String(level + 1) }

    /// The record of a person, or nil (about 1.5 %, more among the old).
    static func of(_ index: Int, in city: City) -> DisabilityRecord? {
        let person = city.persons[index]
        var random = city.random(RandomStream("disability"), index)
        let old = CityCalendar.age(born: person.birth, on: CityCalendar.windowEnd) >= 70
        guard random.chance(old ? 0.05 : 0.012) else { return nil }
        let last = min(person.death ?? CityCalendar.windowEnd, CityCalendar.windowEnd) - 60
        let first = max(CityCalendar.adding(years: 3, to: person.birth), CityCalendar.day(2000, 1, 1))
        guard first < last else { return nil }
        var issues = [CityCalendar.draw(&random, from: first, to: last)]
        var lapses = false
        while let current = issues.last {
            let expiry = CityCalendar.adding(years: 10, to: current)
            guard expiry < last else { break }
            if random.chance(0.15) {
                lapses = true
                break
            }
            issues.append(expiry - random.int(0...60))
        }
        return DisabilityRecord(category: random.below(categories.count), level: random.below(4), issues: issues,
                                lapses: lapses)
    }
}

/// `disability` (disabled persons' federation): certificate issues, renewals and expiry.
struct DisabilityComposer: ThemeComposer {
    let themeID = "disability"

    func compose(_ city: City, into lines: ThemeLines) {
        for index in city.persons.indices {
            guard let record = DisabilityRecord.of(index, in: city) else { continue }
            let person = city.persons[index]
            func row(issued: Int, status: String) -> Row {
                let place = city.place(of: index, on: issued)
                var row = RowBuilder()
                row.string("citizen_id", person.id)
                row.string("name", person.name)
                row.string("certificate_no", record.number(person))
                row.string("category", DisabilityRecord.categories[record.category])
                row.string("level", "level-\(record.level + 1)")
                row.string("certificate_status", status)
                row.date("issued_on", issued)
                row.date("valid_until", CityCalendar.adding(years: 10, to: issued))
                row.string("address", place.address)
                row.string("district", city.districtID(place))
                return row.row
            }
            lines.history(subject: person.id, index: index, deadline: person.death) { timeline in
                for issued in record.issues {
                    timeline.publish(row(issued: issued, status: "valid"), on: issued)
                }
                if record.lapses, let issued = record.issues.last {
                    timeline.publish(row(issued: issued, status: "expired"), on: CityCalendar.adding(years: 10, to: issued))
                }
            }
        }
    }
}

/// `severe-mental-disorder-patients` (health): registration, hospital stays and follow-ups.
struct MentalHealthComposer: ThemeComposer {
    let themeID = "severe-mental-disorder-patients"
    private static let diagnoses = ["schizophrenia", "schizophrenia", "schizoaffective-disorder", "paranoid-psychosis",
                                    "bipolar-disorder", "epilepsy-related", "intellectual-disability-related"]

    func compose(_ city: City, into lines: ThemeLines) {
        for index in city.persons.indices {
            let person = city.persons[index]
            var random = city.random(RandomStream("mental-health"), index)
            guard random.chance(0.004) else { continue }
            let first = max(CityCalendar.adding(years: 18, to: person.birth), CityCalendar.day(2010, 1, 1))
            let last = min(person.death ?? CityCalendar.windowEnd, CityCalendar.windowEnd) - 60
            guard first < last else { continue }
            let registered = CityCalendar.draw(&random, from: first, to: last)
            let diagnosis = random.pick(Self.diagnoses)
            let risk = random.chance(0.7) ? random.int(0...1) : random.int(2...5)
            let alone = random.chance(0.15)
            let guardian = alone ? nil : PersonNames.fullName(random.chance(0.5) ? .male : .female, &random)
            let phone = "13" + String(padded: random.below(1_000_000_000), width: 9)
            var events = [(registered, "community-care")]
            if random.chance(0.3), registered + 120 < last {
                let admitted = CityCalendar.draw(&random, from: registered + 60, to: last - 30)
                events.append((admitted, "hospitalised"))
                events.append((admitted + random.int(20...120), "community-care"))
            }
            lines.history(subject: person.id, index: index, deadline: person.death) { timeline in
                for (day, status) in events {
                    let place = city.place(of: index, on: day)
                    var row = RowBuilder()
                    row.string("citizen_id", person.id)
                    row.string("name", person.name)
                    row.string("address", place.address)
                    row.string("district", city.districtID(place))
                    row.string("subdistrict", city.subdistrict(place))
                    row.string("diagnosis", diagnosis)
                    row.integer("risk_level", risk)
                    row.string("management_status", status)
                    row.boolean("living_alone", alone)
                    row.string("guardian_name", guardian)
                    row.string("guardian_phone", guardian == nil ? nil : phone)
                    row.date("last_follow_up_on", day)
                    guard timeline.publish(row.row, on: day) else { break }
                }
            }
        }
    }
}
