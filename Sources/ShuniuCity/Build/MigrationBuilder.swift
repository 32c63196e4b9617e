import ShuniuModel

/// Adds the residents registered elsewhere (来穗人员) and the rented houses they live in.
struct MigrationBuilder {
    private let places: PlaceDrawing
    private var random: CityRandom
    private let start = CityCalendar.windowStart
    private let end = CityCalendar.windowEnd

    /// Home regions of migrants: region code, place name and weight.
    private static let origins = WeightedChoice<(String, String)>([
        (("431002", "湖南省郴州市北湖区"), 14), (("430102", "湖南省长沙市芙蓉区"), 6), (("430421", "湖南省衡阳市衡阳县"), 8),
        (("450102", "广西壮族自治区南宁市兴宁区"), 8), (("450881", "广西壮族自治区贵港市桂平市"), 7),
        (("360102", "江西省南昌市东湖区"), 5), (("360732", "江西省赣州市兴国县"), 6), (("420102", "湖北省武汉市江岸区"), 5),
        (("510104", "四川省成都市锦江区"), 5), (("511602", "四川省广安市广安区"), 4), (("411502", "河南省信阳市浉河区"), 6),
        (("440882", "广东省湛江市雷州市"), 9), (("441402", "广东省梅州市梅江区"), 7), (("445102", "广东省潮州市湘桥区"), 5),
        (("441802", "广东省清远市清城区"), 5),
    ])

    init(places: PlaceDrawing, seed: UInt64) {
        self.places = places
        random = CityRandom(seed: seed, stream: .migrants, index: 0)
    }

    /// A house code (出租屋编码): the district's region code and a 10-digit serial.
    static func houseCode(_ index: Int, _ place: Place, _ places: PlaceDrawing) -> String {
        places.districts[place.district].region + String(padded: index + 1, width: 10)
    }

    mutating func build(_ count: Int, into city: inout City, registry: inout IdentityRegistry) {
        let landlords = city.persons.indices.filter {
            city.persons[$0].death == nil && CityCalendar.age(born: city.persons[$0].birth, on: end) >= 35
        }
        let wanted = count * 2 / 5
        while city.rentals.count < wanted, !landlords.isEmpty {
            let place = places.villageHouse(in: places.district(&random), &random)
            city.rentals.append(RentalHouse(code: MigrationBuilder.houseCode(city.rentals.count, place, places), place: place,
                                            landlord: random.pick(landlords),
                                            firstLease: CityCalendar.draw(&random, from: CityCalendar.day(2008, 1, 1), to: end - 200),
                                            use: random.chance(0.85) ? "residential" : "mixed"))
        }
        guard !city.rentals.isEmpty else { return }
        for serial in 0..<count {
            let house = random.below(city.rentals.count)
            let (region, origin) = MigrationBuilder.origins.draw(&random)
            let sex: Sex = random.chance(0.55) ? .male : .female
            let birth = CityCalendar.draw(&random, from: CityCalendar.adding(years: -56, to: end),
                                          to: CityCalendar.adding(years: -19, to: end))
            let issued = registry.issue(region: region, birth: birth, sex: sex)
            let earliest = max(city.rentals[house].firstLease, CityCalendar.adding(years: 18, to: issued.birth),
                               CityCalendar.day(2010, 1, 1))
            let registered = CityCalendar.draw(&random, from: earliest, to: end - 60)
            var migrant = Migrant(id: issued.id, name: PersonNames.fullName(sex, &random), sex: sex, origin: origin,
                                  house: house, registered: registered, permitSerial: serial + 1)
            if random.chance(0.5), registered + 400 < end - 30 {
                migrant.renewed = CityCalendar.draw(&random, from: registered + 330, to: min(registered + 400, end - 30))
            }
            let stayed = (migrant.renewed ?? registered) + 180
            if random.chance(0.35), stayed < end - 30 {
                migrant.movedAway = CityCalendar.draw(&random, from: stayed, to: end - 30)
            }
            city.rentals[house].tenants += 1
            city.migrants.append(migrant)
        }
    }
}
