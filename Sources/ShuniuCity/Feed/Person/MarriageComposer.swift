import ShuniuModel

/// `marriage` (civil affairs): one subject per spouse; versions for the marriage, a divorce, and
/// widowhood after the spouse's death. People widowed before the window have one `widowed` row.
struct MarriageComposer: ThemeComposer {
    let themeID = "marriage"

    func compose(_ city: City, into lines: ThemeLines) {
        for index in city.persons.indices {
            let person = city.persons[index]
            if person.widowedBefore {
                var random = city.random(RandomStream("widowed-before"), index)
                let first = CityCalendar.adding(years: 45, to: person.birth)
                let day = CityCalendar.draw(&random, from: min(first, CityCalendar.windowStart - 400),
                                            to: CityCalendar.windowStart - 30)
                var row = RowBuilder()
                row.string("citizen_id", person.id)
                row.string("name", person.name)
                row.string("status", "widowed")
                row.date("registered_on", day)
                lines.history(subject: person.id, index: index, deadline: person.death) { $0.publish(row.row, on: day) }
                continue
            }
            guard person.marriage >= 0 else { continue }
            let marriage = city.marriages[person.marriage]
            let spouseIndex = marriage.spouse(of: index)
            let spouse = city.injections.fakeSpouses[index]
                ?? (city.persons[spouseIndex].id, city.persons[spouseIndex].name)
            let district = city.districts[marriage.district]
            let office = "广州市\(district.name)民政局婚姻登记处"
            func row(_ status: String, registered: Int, certificate: String) -> Row {
                var row = RowBuilder()
                row.string("citizen_id", person.id)
                row.string("name", person.name)
                row.string("status", status)
                row.string("spouse_citizen_id", spouse.id)
                row.string("spouse_name", spouse.name)
                row.date("registered_on", registered)
                row.string("certificate_no", certificate)
                row.string("registry_office", office)
                return row.row
            }
            let serial = String(padded: marriage.serial % 1_000_000, width: 6)
            let married = "J\(district.region)-\(CityCalendar.year(marriage.day))-\(serial)"
            lines.history(subject: person.id, index: index, deadline: person.death) { timeline in
                timeline.publish(row("married", registered: marriage.day, certificate: married), on: marriage.day)
                if let divorce = marriage.divorce {
                    let certificate = "L\(district.region)-\(CityCalendar.year(divorce))-\(serial)"
                    timeline.publish(row("divorced", registered: divorce, certificate: certificate), on: divorce)
                } else if let widowed = city.persons[spouseIndex].death {
                    var random = city.random(RandomStream("widowed"), index)
                    timeline.publish(row("widowed", registered: marriage.day, certificate: married),
                                     on: widowed + random.int(3...60))
                }
            }
        }
    }
}
