import ShuniuModel

/// `rental-housing` (migrant services): let houses with their landlord, a lease renewal and the
/// latest fire-safety check.
struct RentalHousingComposer: ThemeComposer {
    let themeID = "rental-housing"

    func compose(_ city: City, into lines: ThemeLines) {
        for (index, house) in city.rentals.enumerated() {
            var random = city.random(RandomStream("rental-housing-record"), index)
            let landlord = city.persons[house.landlord]
            let phone = "13" + String(padded: random.below(1_000_000_000), width: 9)
            func row(lease: Int, check: Int?) -> Row {
                var row = RowBuilder()
                row.string("house_code", house.code)
                row.string("address", house.place.address)
                row.string("district", city.districtID(house.place))
                row.string("subdistrict", city.subdistrict(house.place))
                row.string("use", house.use)
                row.string("rental_status", house.tenants > 0 || house.use == "commercial" ? "rented" : "vacant")
                row.integer("tenant_count", house.tenants)
                row.string("landlord_citizen_id", landlord.id)
                row.string("landlord_name", landlord.name)
                row.string("landlord_phone", phone)
                row.date("lease_registered_on", lease)
                row.date("lease_end", CityCalendar.adding(years: 3, to: lease))
                row.date("fire_safety_checked_on", check)
                return row.row
            }
            let renewal = CityCalendar.adding(years: 3, to: house.firstLease)
            let check = CityCalendar.day(random.int(2023...2025), random.int(1...12), random.int(1...28))
            lines.history(subject: house.code, index: index, deadline: landlord.death) { timeline in
                timeline.publish(row(lease: house.firstLease, check: nil), on: house.firstLease)
                if renewal < check {
                    timeline.publish(row(lease: renewal, check: nil), on: renewal)
                    timeline.publish(row(lease: renewal, check: check), on: check)
                } else {
                    timeline.publish(row(lease: house.firstLease, check: check), on: check)
                }
            }
        }
    }
}

/// `migrant-residence` (migrant services): residence registration of people registered
/// elsewhere, permit renewal, moving away.
struct MigrantResidenceComposer: ThemeComposer {
    let themeID = "migrant-residence"

    func compose(_ city: City, into lines: ThemeLines) {
        for (index, migrant) in city.migrants.enumerated() {
            let house = city.rentals[migrant.house]
            let permit = "4401" + String(CityCalendar.year(migrant.registered)) + String(padded: migrant.permitSerial, width: 10)
            func row(status: String, validUntil: Int) -> Row {
                var row = RowBuilder()
                row.string("citizen_id", migrant.id)
                row.string("name", migrant.name)
                row.string("sex", migrant.sex.rawValue)
                row.string("household_registration_place", migrant.origin)
                row.string("residence_address", house.place.address)
                row.string("district", city.districtID(house.place))
                row.string("subdistrict", city.subdistrict(house.place))
                row.string("house_code", house.code)
                row.date("registered_on", migrant.registered)
                row.string("residence_permit_no", permit)
                row.date("residence_permit_valid_until", validUntil)
                row.string("status", status)
                return row.row
            }
            let validUntil = CityCalendar.adding(years: 1, to: migrant.registered)
            lines.history(subject: migrant.id, index: index) { timeline in
                timeline.publish(row(status: "residing", validUntil: validUntil), on: migrant.registered)
                var current = validUntil
                if let renewed = migrant.renewed {
                    current = CityCalendar.adding(years: 1, to: validUntil)
                    timeline.publish(row(status: "residing", validUntil: current), on: renewed)
                }
                if let moved = migrant.movedAway {
                    timeline.publish(row(status: "moved-away", validUntil: current), on: moved)
                }
            }
        }
    }
}

/// `dangerous-buildings` (housing and construction): old buildings assessed C or D, then
/// reinforced, or evacuated and demolished.
struct DangerousBuildingComposer: ThemeComposer {
    let themeID = "dangerous-buildings"
    private static let oldDistricts = WeightedChoice<String>([("liwan", 30), ("yuexiu", 30), ("haizhu", 20), ("baiyun", 10),
                                                              ("panyu", 5), ("huadu", 5)])

    func compose(_ city: City, into lines: ThemeLines) {
        let count = max(1, city.persons.count / 1_500)
        let places = PlaceDrawing(districts: city.districts)
        for index in 0..<count {
            var random = city.random(RandomStream("dangerous-building"), index)
            let districtID = Self.oldDistricts.draw(&random)
            let district = city.districts.firstIndex { $0.id == districtID } ?? 0
            let place = random.chance(0.5) ? places.villageHouse(in: district, &random) : places.home(in: district, &random)
            let building = "FW" + city.districts[district].region + String(padded: index + 1, width: 8)
            let grade = random.chance(0.7) ? "C" : "D"
            let assessed = CityCalendar.draw(&random, from: CityCalendar.day(2012, 1, 1), to: CityCalendar.windowEnd - 200)
            let occupants = random.int(0...40)
            let owner = random.chance(0.4) ? "广州市\(city.districts[district].name)房屋管理所" : PersonNames.fullName(.male, &random)
            var events: [(Int, String, Int?)] = [(assessed, "monitored", nil)]
            if grade == "D" || random.chance(0.5) {
                let start = assessed + random.int(60...400)
                if random.chance(0.7) {
                    let done = start + random.int(90...300)
                    events += [(start, "under-reinforcement", nil), (done, "reinforced", done)]
                } else {
                    events += [(start, "evacuated", nil), (start + random.int(120...400), "demolished", nil)]
                }
            }
            lines.history(subject: building, index: index) { timeline in
                var reinforced: Int?
                for (day, status, done) in events {
                    reinforced = done ?? reinforced
                    var row = RowBuilder()
                    row.string("building_id", building)
                    row.string("address", place.address)
                    row.string("district", districtID)
                    row.string("subdistrict", city.subdistrict(place))
                    row.string("safety_grade", status == "reinforced" ? "B" : grade)
                    row.date("assessed_on", assessed)
                    row.string("status", status)
                    row.date("reinforced_on", reinforced)
                    row.integer("occupant_count", status == "evacuated" || status == "demolished" ? 0 : occupants)
                    row.string("owner_name", owner)
                    guard timeline.publish(row.row, on: day) else { break }
                }
            }
        }
    }
}

/// `grid-visits-panyu`, `grid-visits-tianhe` (the district grid centres): a grid worker's
/// visit to each let house of the district, what was found, and a follow-up visit to some.
struct GridVisitComposer: ThemeComposer {
    let themeID: String
    /// The district the centre covers.
    let district: String
    /// The prefix of its workers' numbers.
    let workers: String

    func compose(_ city: City, into lines: ThemeLines) {
        for (index, house) in city.rentals.enumerated() where city.districtID(house.place) == district {
            var random = city.random(RandomStream(themeID), index)
            let worker = workers + "-" + String(padded: random.int(1...40), width: 3)
            func row(visit: Int, on day: Int, finding: String, tenants: Int?) -> Row {
                var row = RowBuilder()
                row.string("visit_id", "V-\(house.code)-\(visit)")
                row.string("house_code", house.code)
                row.string("district", district)
                row.date("visit_date", day)
                row.string("finding", finding)
                if let tenants { row.integer("tenant_count", tenants) }
                row.string("worker", worker)
                return row.row
            }
            let first = CityCalendar.day(random.int(2024...2025), random.int(1...12), random.int(1...28))
            let finding = house.tenants == 0 ? "vacant" : random.below(10) < 8 ? "no-change" : "tenant-change"
            lines.history(subject: "V-\(house.code)-1", index: index) { timeline in
                timeline.publish(row(visit: 1, on: first, finding: finding, tenants: house.tenants), on: first)
            }
            guard random.below(10) < 2 else { continue }
            let second = CityCalendar.adding(years: 1, to: first)
            let again = random.below(20) == 0 ? "safety-hazard" : random.below(4) == 0 ? "unreachable" : "no-change"
            lines.history(subject: "V-\(house.code)-2", index: index) { timeline in
                timeline.publish(row(visit: 2, on: second, finding: again, tenants: again == "unreachable" ? nil : house.tenants), on: second)
            }
        }
    }
}
