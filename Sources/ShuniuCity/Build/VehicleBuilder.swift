/// Gives persons and enterprises their motor vehicles, and car buyers their quota indicators
/// (Guangzhou has controlled passenger-car numbers since August 2012).
struct VehicleBuilder {
    private var random: CityRandom
    private var fuelPlates = 0
    private var newEnergyPlates = 0
    private let start = CityCalendar.windowStart
    private let end = CityCalendar.windowEnd
    private let quotaStart = CityCalendar.day(2012, 8, 1)

    init(city: City) {
        random = city.random(.assets, 1)
    }

    mutating func build(into city: inout City) {
        for index in city.persons.indices {
            let person = city.persons[index]
            guard CityCalendar.age(born: person.birth, on: end) >= 22 else { continue }
            let last = min(person.death ?? end, end) - 30
            let first = max(CityCalendar.adding(years: 20, to: person.birth), CityCalendar.day(2003, 1, 1))
            if random.chance(0.2), first < last {
                let day = CityCalendar.draw(&random, from: first, to: last)
                let vehicle = addVehicle(person: index, entity: -1, day: day, method: nil, &city)
                if day < CityCalendar.day(2013, 1, 1), random.chance(0.35) {
                    let scrap = CityCalendar.draw(&random, from: max(CityCalendar.adding(years: 8, to: day), start + 30), to: last)
                    if scrap < last {
                        city.vehicles[vehicle].scrapped = scrap
                        if random.chance(0.5), scrap + 150 < last {
                            _ = addVehicle(person: index, entity: -1, day: scrap + random.int(20...150), method: "replacement", &city)
                        }
                    }
                }
            } else if random.chance(0.03), max(first, start) < last - 400 {
                let issued = CityCalendar.draw(&random, from: max(first, start), to: last - 400)
                addQuota(person: index, issued: issued, method: random.chance(0.7) ? "lottery" : "auction",
                         newEnergy: false, used: nil, &city)
            }
        }
        for index in city.entities.indices where city.entities[index].kind == .enterprise && city.entities[index].size >= 6 {
            let entity = city.entities[index]
            guard entity.ending == nil, random.chance(0.3) else { continue }
            for _ in 0..<random.int(1...3) {
                let day = CityCalendar.draw(&random, from: max(entity.established + 30, CityCalendar.day(2003, 1, 1)), to: end - 30)
                _ = addVehicle(person: -1, entity: index, day: day, method: nil, &city)
            }
        }
    }

    private mutating func addVehicle(person: Int, entity: Int, day: Int, method: String?, _ city: inout City) -> Int {
        let year = CityCalendar.year(day)
        let electric = year >= 2018 && random.chance(0.35)
        let energy = electric ? "electric" : year >= 2016 && random.chance(0.12) ? "hybrid"
            : entity >= 0 && random.chance(0.3) ? "diesel" : "petrol"
        let makers = VehicleLexicon.makers
        let maker = electric ? [5, 6, 7, 8][random.below(4)] : random.below(makers.count)
        let descriptor = String((0..<5).map { _ in random.pick(VehicleLexicon.characters) })
        let vin = VehicleLexicon.vin(wmi: makers[maker].wmi, descriptor: descriptor, year: year, serial: city.vehicles.count)
        let newEnergy = electric || energy == "hybrid" && random.chance(0.5)
        let plate: String?
        if newEnergy {
            plate = VehicleLexicon.newEnergyPlate(newEnergyPlates)
            newEnergyPlates += 1
        } else {
            plate = VehicleLexicon.plate(fuelPlates)
            fuelPlates += 1
        }
        var vehicle = Vehicle(vin: vin, plate: plate, person: person, entity: entity, registered: day,
                              brand: maker * 4 + random.below(makers[maker].models.count), energy: energy,
                              price: random.int(60_000...450_000))
        if day >= start, random.chance(0.15) {
            let pledge = day + random.int(5...60)
            let release = pledge + random.int((2 * 365)...(4 * 365))
            let lastDay = min(person >= 0 ? city.persons[person].death ?? end : end, end) - 10
            vehicle.pledge = (pledge, release < lastDay ? release : nil)
        }
        city.vehicles.append(vehicle)
        if person >= 0, day >= quotaStart {
            let issued = max(day - random.int(30...300), quotaStart)
            let how = method ?? (newEnergy ? "other" : random.chance(0.7) ? "lottery" : "auction")
            addQuota(person: person, issued: issued, method: how, newEnergy: newEnergy, used: day, &city)
        }
        return city.vehicles.count - 1
    }

    private mutating func addQuota(person: Int, issued: Int, method: String, newEnergy: Bool, used: Int?,
                                   _ city: inout City) {
        let serial = city.quotas.count
        let number = "4401" + String(CityCalendar.year(issued)) + String(padded: (serial &* 7_919) % 100_000_000, width: 8)
        let applicant = "1" + String(padded: (person &* 104_729 &+ 13) % 1_000_000_000_000, width: 12)
        city.quotas.append(QuotaIndicator(number: number, applicantCode: applicant, person: person, issued: issued,
                                          method: method, newEnergy: newEnergy, used: used))
    }
}
