import ShuniuModel

/// `birth` (health): the birth certificate of every person born since 1996, published once
/// the child's citizen ID exists (at birth registration).
struct BirthComposer: ThemeComposer {
    let themeID = "birth"

    func compose(_ city: City, into lines: ThemeLines) {
        for index in city.persons.indices where city.persons[index].birth >= BirthRecords.firstCertificateDay {
            let person = city.persons[index]
            var random = city.random(RandomStream("birth-record"), index)
            var row = RowBuilder()
            row.string("citizen_id", person.id)
            row.string("name", person.name)
            row.string("sex", person.sex.rawValue)
            row.date("birth_date", person.birth)
            row.string("birth_certificate_no", BirthRecords.certificate(index, birth: person.birth))
            row.string("birth_institution", random.pick(BirthRecords.hospitals))
            row.string("district", city.districts[person.birthDistrict].id)
            if person.mother >= 0 {
                row.string("mother_citizen_id", city.persons[person.mother].id)
                row.string("mother_name", city.persons[person.mother].name)
            }
            if person.father >= 0 {
                row.string("father_citizen_id", city.persons[person.father].id)
                row.string("father_name", city.persons[person.father].name)
            }
            let published = person.joined + random.int(0...3)
            lines.history(subject: person.id, index: index, deadline: person.death) { $0.publish(row.row, on: published) }
        }
    }
}

/// `death` (public security): published when the household registration is cancelled.
struct DeathComposer: ThemeComposer {
    let themeID = "death"

    func compose(_ city: City, into lines: ThemeLines) {
        for index in city.persons.indices {
            guard let death = DeathRecord.of(index, in: city) else { continue }
            let person = city.persons[index]
            var row = RowBuilder()
            row.string("citizen_id", person.id)
            row.string("name", person.name)
            row.date("died_on", death.died)
            row.string("place_of_death", death.place)
            row.string("cause_category", death.cause)
            row.string("death_certificate_no", death.certificate)
            row.date("registration_cancelled_on", death.cancelled)
            row.string("district", death.district)
            lines.history(subject: person.id, index: index) { $0.publish(row.row, on: death.cancelled) }
        }
    }
}

/// `cremation` (civil affairs): the cremation certificate of those cremated in the city.
struct CremationComposer: ThemeComposer {
    let themeID = "cremation"

    func compose(_ city: City, into lines: ThemeLines) {
        for index in city.persons.indices {
            guard let death = DeathRecord.of(index, in: city), let cremated = death.cremated else { continue }
            let person = city.persons[index]
            var row = RowBuilder()
            row.string("citizen_id", person.id)
            row.string("name", person.name)
            row.date("died_on", death.died)
            row.date("cremated_on", cremated)
            row.string("cremation_certificate_no", "HH" + String(CityCalendar.year(cremated))
                + String(padded: (index &* 104_729 &+ 7) % 100_000_000, width: 8))
            row.string("funeral_home", death.funeralHome)
            row.string("district", death.district)
            lines.history(subject: person.id, index: index) { $0.publish(row.row, on: cremated) }
        }
    }
}
