import ShuniuModel

/// Adds what happens to people in the window: deaths, household moves, new marriages (with a
/// new household for the couple) and divorces (one spouse moves out to a new household).
struct LifeEventBuilder {
    private let places: PlaceDrawing
    private var random: CityRandom
    private let start = CityCalendar.windowStart
    private let end = CityCalendar.windowEnd

    init(places: PlaceDrawing, seed: UInt64) {
        self.places = places
        random = CityRandom(seed: seed, stream: .life, index: 0)
    }

    mutating func build(into city: inout City) {
        addDeaths(&city)
        addHouseholdMoves(&city)
        addNewMarriages(&city)
        addDivorces(&city)
    }

    /// Deaths by age at the start of the window; a parent dies only after their youngest child's birth.
    private mutating func addDeaths(_ city: inout City) {
        var youngestChild = [Int: Int]()
        for person in city.persons {
            for parent in [person.mother, person.father] where parent >= 0 {
                youngestChild[parent] = max(youngestChild[parent] ?? Int.min, person.birth)
            }
        }
        for index in city.persons.indices {
            let person = city.persons[index]
            guard person.birth < start - 365 else { continue }
            let age = CityCalendar.age(born: person.birth, on: start)
            let probability = age < 40 ? 0.004 : age < 60 ? 0.02 : age < 70 ? 0.08 : age < 80 ? 0.2 : 0.4
            guard random.chance(probability) else { continue }
            let earliest = max(start + 150, (youngestChild[index] ?? Int.min) + 60, person.joined + 60)
            guard earliest < end - 30 else { continue }
            city.persons[index].death = CityCalendar.draw(&random, from: earliest, to: end - 30)
        }
    }

    /// One household in twenty moves to another district.
    private mutating func addHouseholdMoves(_ city: inout City) {
        for index in city.households.indices where random.chance(0.05) {
            let household = city.households[index]
            let day = CityCalendar.draw(&random, from: max(start + 60, household.formed + 365), to: end - 30)
            let district = places.district(&random, avoiding: household.place.district)
            city.households[index].move = (day, places.home(in: district, &random))
        }
    }

    /// Unmarried adults who live through the window marry each other; each couple forms a household.
    private mutating func addNewMarriages(_ city: inout City) {
        var men: [Int] = []
        var women: [Int] = []
        for (index, person) in city.persons.enumerated()
        where person.marriage < 0 && !person.widowedBefore && person.death == nil && person.relocations.isEmpty {
            let age = CityCalendar.age(born: person.birth, on: end)
            guard (24...40).contains(age), random.chance(0.45) else { continue }
            if person.sex == .male { men.append(index) } else { women.append(index) }
        }
        shuffle(&men)
        shuffle(&women)
        for (husband, wife) in zip(men, women) {
            let earliest = max(start + 30, CityCalendar.adding(years: 22, to: city.persons[husband].birth),
                               CityCalendar.adding(years: 20, to: city.persons[wife].birth),
                               lastJoin(husband, city) + 30, lastJoin(wife, city) + 30)
            guard earliest < end - 120 else { continue }
            let day = CityCalendar.draw(&random, from: earliest, to: end - 120)
            let marriage = city.marriages.count
            city.marriages.append(Marriage(husband: husband, wife: wife, day: day, divorce: nil,
                                           district: city.persons[husband].birthDistrict, serial: marriage))
            city.persons[husband].marriage = marriage
            city.persons[wife].marriage = marriage
            let formed = day + random.int(10...60)
            let household = newHousehold(head: husband, formed: formed, &city)
            relocate(husband, to: household, as: .head, on: formed, &city)
            relocate(wife, to: household, as: .spouse, on: formed + random.int(0...20), &city)
        }
    }

    /// Some couples divorce; the spouse who is not the head moves to a household of their own.
    private mutating func addDivorces(_ city: inout City) {
        for index in city.marriages.indices {
            let marriage = city.marriages[index]
            guard random.chance(0.07) else { continue }
            let husband = city.persons[marriage.husband]
            let wife = city.persons[marriage.wife]
            guard CityCalendar.age(born: wife.birth, on: start) < 65 else { continue }
            let deadline = min(husband.death ?? end, wife.death ?? end) - 200
            let earliest = max(start + 60, marriage.day + 2 * 365, lastJoin(marriage.husband, city) + 60,
                               lastJoin(marriage.wife, city) + 60)
            guard earliest < min(deadline, end - 150) else { continue }
            let day = CityCalendar.draw(&random, from: earliest, to: min(deadline, end - 150))
            city.marriages[index].divorce = day
            let current = city.registration(of: marriage.husband, on: day)
            let leaver = current.relation == .head ? marriage.wife : marriage.husband
            let formed = day + random.int(15...90)
            let household = newHousehold(head: leaver, formed: formed, &city)
            relocate(leaver, to: household, as: .head, on: formed, &city)
        }
    }

    /// The last day a person joined a household.
    private func lastJoin(_ person: Int, _ city: City) -> Int {
        city.persons[person].relocations.last.map { city.relocations[$0].day } ?? city.persons[person].joined
    }

    private mutating func newHousehold(head: Int, formed: Int, _ city: inout City) -> Int {
        let index = city.households.count
        let district = places.district(&random)
        city.households.append(Household(id: HouseholdDraft.number(index, region: places.districts[district].region),
                                         place: places.home(in: district, &random), formed: formed, head: head))
        return index
    }

    private func relocate(_ person: Int, to household: Int, as relation: Relation, on day: Int, _ city: inout City) {
        city.persons[person].relocations.append(city.relocations.count)
        city.relocations.append(Relocation(person: person, day: day, household: household, relation: relation))
    }

    private mutating func shuffle(_ values: inout [Int]) {
        guard values.count > 1 else { return }
        for index in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(index, random.below(index + 1))
        }
    }
}
