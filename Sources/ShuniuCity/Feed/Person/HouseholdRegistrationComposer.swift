import ShuniuModel

/// `household-registration` (public security): one subject per registered person; a new
/// version when the household moves, when the person moves to another household (marriage,
/// divorce), and a last one with status `deceased` when the registration is cancelled.
struct HouseholdRegistrationComposer: ThemeComposer {
    let themeID = "household-registration"

    /// Ethnicity codes (GB/T 3304) other than Han (01), for the few who are not Han.
    private static let minorities = ["03", "04", "06", "08", "09", "15", "18"]

    func compose(_ city: City, into lines: ThemeLines) {
        for index in city.persons.indices {
            let person = city.persons[index]
            var random = city.random(RandomStream("ethnicity"), index)
            let ethnicity = random.chance(0.97) ? "01" : random.pick(Self.minorities)
            let birthDate = person.birth + (city.injections.birthShifts[index] ?? 0)
            let death = DeathRecord.of(index, in: city)
            func row(household: Int, relation: Relation, since: Int, day: Int, deceased: Bool) -> Row {
                let place = city.households[household].place(on: day)
                var row = RowBuilder()
                row.string("citizen_id", person.id)
                row.string("name", person.name)
                row.string("sex", person.sex.rawValue)
                row.date("birth_date", birthDate)
                row.string("ethnicity", ethnicity)
                row.string("birthplace", "广东省广州市" + city.districts[person.birthDistrict].name)
                row.string("address", place.address)
                row.string("district", city.districtID(place))
                row.string("subdistrict", city.subdistrict(place))
                row.string("police_station", city.districts[place.district].policeStation(place.subdistrict))
                row.string("household_id", city.households[household].id)
                row.string("relation_to_head", relation.rawValue)
                row.string("registration_status", deceased ? "deceased" : "active")
                row.date("moved_in_on", since)
                return row.row
            }
            lines.history(subject: person.id, index: index) { timeline in
                var household = person.household
                var relation = person.relation
                var since = person.joined
                let living = person.death ?? Int.max
                timeline.publish(row(household: household, relation: relation, since: since, day: since, deceased: false),
                                 on: since)
                for move in person.relocations.map({ city.relocations[$0] }) + [nil] {
                    let until = min(move?.day ?? Int.max, living)
                    if let householdMove = city.households[household].move, householdMove.day > since,
                       householdMove.day < until {
                        since = householdMove.day
                        timeline.publish(row(household: household, relation: relation, since: since, day: since,
                                             deceased: false), on: since)
                    }
                    guard let move, move.day < living else { break }
                    household = move.household
                    relation = move.relation
                    since = move.day
                    timeline.publish(row(household: household, relation: relation, since: since, day: since, deceased: false),
                                     on: since)
                }
                if let death {
                    timeline.publish(row(household: household, relation: relation, since: since, day: death.died,
                                         deceased: true), on: death.cancelled)
                }
            }
        }
    }
}
