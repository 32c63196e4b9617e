/// Gives households and enterprises their real estate: homes (sold when the household moves,
/// inherited when the owner dies), second homes (some let to tenants) and offices.
struct PropertyBuilder {
    private let places: PlaceDrawing
    private var random: CityRandom
    private let people: [Int]
    private var heirs: [Int: Int] = [:]
    private var certificates = 0
    private let start = CityCalendar.windowStart
    private let end = CityCalendar.windowEnd

    init(places: PlaceDrawing, city: City) {
        self.places = places
        random = city.random(.assets, 0)
        let end = CityCalendar.windowEnd
        people = city.persons.indices.filter {
            city.persons[$0].death == nil && CityCalendar.age(born: city.persons[$0].birth, on: end) >= 30
        }
        for (index, person) in city.persons.enumerated() where person.death == nil {
            for parent in [person.mother, person.father] where parent >= 0 && heirs[parent] == nil {
                heirs[parent] = index
            }
        }
    }

    mutating func build(into city: inout City) {
        for index in city.households.indices {
            let household = city.households[index]
            let inWindow = household.formed >= start
            guard random.chance(inWindow ? 0.3 : 0.55) else { continue }
            let owner = household.head
            let earliest = inWindow ? household.formed - 20 : max(CityCalendar.adding(years: 25, to: city.persons[owner].birth),
                                                                  CityCalendar.day(1995, 1, 1))
            var latest = min(city.persons[owner].death ?? end, end) - 60
            if let move = household.move { latest = min(latest, move.day - 120) }
            if earliest < latest {
                let day = CityCalendar.draw(&random, from: earliest, to: latest)
                addHome(at: household.place, owner: owner, day: day, sale: household.move?.day, &city)
            }
            if let move = household.move, city.persons[owner].isAlive(on: move.day + 30) {
                addHome(at: move.place, owner: owner, day: move.day - random.int(10...60), sale: nil, &city)
            }
            if random.chance(0.12), earliest < latest {
                let district = places.district(&random)
                let commercial = random.chance(0.2)
                let place = commercial ? places.premises(in: district, &random) : places.home(in: district, &random)
                let day = CityCalendar.draw(&random, from: earliest, to: latest)
                let property = addProperty(place: place, usage: commercial ? "commercial" : "residential",
                                           owner: owner, day: day, acquisition: "new-purchase", &city)
                if city.persons[owner].death == nil, random.chance(0.5) {
                    city.properties[property].rental = city.rentals.count
                    city.rentals.append(RentalHouse(code: MigrationBuilder.houseCode(city.rentals.count, place, places),
                                                    place: place, landlord: owner,
                                                    firstLease: day + random.int(30...180),
                                                    use: commercial ? "commercial" : "residential"))
                }
            }
        }
        for index in city.entities.indices where city.entities[index].kind == .enterprise && city.entities[index].size >= 6 {
            let entity = city.entities[index]
            guard entity.ending == nil, random.chance(0.2) else { continue }
            let day = CityCalendar.draw(&random, from: entity.established + 30, to: end - 30)
            let usage = random.chance(0.7) ? "office" : "industrial"
            let property = addProperty(place: places.premises(in: entity.place.district, &random), usage: usage,
                                       owner: -1, day: day, acquisition: "new-purchase", &city)
            city.properties[property].owners[0].entity = index
            city.properties[property].owners[0].coOwner = -1
        }
    }

    /// A home, sold on `sale` if given, else inherited after the owner's death.
    private mutating func addHome(at place: Place, owner: Int, day: Int, sale: Int?, _ city: inout City) {
        let acquisition = random.chance(0.6) ? "new-purchase" : "resale-purchase"
        let property = addProperty(place: place, usage: "residential", owner: owner, day: day, acquisition: acquisition, &city)
        let saleDay = sale.map { $0 - random.int(0...30) }
        if let saleDay, !people.isEmpty, city.persons[owner].isAlive(on: saleDay) {
            let buyer = random.pick(people)
            if buyer != owner, saleDay > day + 90 {
                appendOwner(property, person: buyer, coOwner: city.spouse(of: buyer, on: saleDay), day: saleDay,
                            acquisition: "resale-purchase", &city)
            }
        } else if let death = city.persons[owner].death {
            let first = city.properties[property].owners[0]
            let heir = first.coOwner >= 0 && city.persons[first.coOwner].death == nil ? first.coOwner : heirs[owner] ?? -1
            let day = death + random.int(120...365)
            if heir >= 0, day < end - 10, city.persons[heir].isAlive(on: day) {
                appendOwner(property, person: heir, coOwner: -1, day: day, acquisition: "inheritance", &city)
            }
        }
    }

    private mutating func addProperty(place: Place, usage: String, owner: Int, day: Int, acquisition: String,
                                      _ city: inout City) -> Int {
        let index = city.properties.count
        let profile = places.districts[place.district]
        let unit = profile.region + String(padded: place.subdistrict + 1, width: 3) + "001"
            + "GB" + String(padded: random.below(100_000), width: 5) + "F" + String(padded: index + 1, width: 8)
        let area = random.int(4_500...16_000)
        let mortgaged = CityCalendar.year(day) >= 2000 && random.chance(0.45)
        let release = day + random.int((5 * 365)...(20 * 365))
        city.properties.append(Property(unit: unit, place: place, usage: usage, area: area, owners: [],
                                        mortgageRelease: mortgaged && release < end - 10 ? release : nil,
                                        mortgaged: mortgaged))
        appendOwner(index, person: owner, coOwner: owner >= 0 ? city.spouse(of: owner, on: day) : -1, day: day,
                    acquisition: acquisition, &city)
        return index
    }

    private mutating func appendOwner(_ property: Int, person: Int, coOwner: Int, day: Int, acquisition: String,
                                      _ city: inout City) {
        let year = CityCalendar.year(day)
        let perSquareMetre = random.int(12_000...60_000) * max(1, year - 1990) / 30
        let price = city.properties[property].area * perSquareMetre / 100
        certificates += 1
        city.properties[property].owners.append(PropertyOwnership(person: person, coOwner: coOwner, entity: -1,
                                                                  registered: day, acquisition: acquisition, price: price,
                                                                  certificateSerial: certificates))
    }
}
