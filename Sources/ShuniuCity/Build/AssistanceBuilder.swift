/// Adds applications for social assistance: the household economic status verification with
/// the banks' answers, its result, and the allowance or housing that follows.
///
/// Only households whose membership never changes after the application apply, so the
/// allowance's household size always matches the household registration.
struct AssistanceBuilder {
    private var random: CityRandom
    private let start = CityCalendar.windowStart
    private let end = CityCalendar.windowEnd
    /// What households below the allowance standard apply for.
    private let lowestIncome = WeightedChoice<String>([("minimum-living-allowance", 70), ("medical-assistance", 10),
                                                       ("temporary-assistance", 10), ("public-rental-housing", 10)])
    /// What households below 1.5 times the standard apply for.
    private let lowIncome = WeightedChoice<String>([("low-income-household", 50), ("medical-assistance", 20),
                                                    ("temporary-assistance", 20), ("public-rental-housing", 10)])

    init(city: City) {
        random = city.random(.assistance, 0)
    }

    mutating func build(into city: inout City) {
        var members = [[Int]](repeating: [], count: city.households.count)
        var stable = [Bool](repeating: true, count: city.households.count)
        for (index, person) in city.persons.enumerated() {
            members[person.household].append(index)
            if person.death != nil || !person.relocations.isEmpty { stable[person.household] = false }
        }
        var vehicles: [Int: [Int]] = [:]
        for (index, vehicle) in city.vehicles.enumerated() where vehicle.person >= 0 {
            vehicles[vehicle.person, default: []].append(index)
        }
        var properties: [Int: [Int]] = [:]
        for (index, property) in city.properties.enumerated() {
            for owner in property.owners {
                for person in [owner.person, owner.coOwner] where person >= 0 { properties[person, default: []].append(index) }
            }
        }
        for household in city.households.indices where stable[household] && city.households[household].move == nil {
            let people = members[household]
            guard city.households[household].formed < start, !people.isEmpty else { continue }
            let settled = people.map { city.persons[$0].joined }.max() ?? start
            let first = max(settled + 60, start + 30)
            guard first < end - 200 else { continue }
            let applied = CityCalendar.draw(&random, from: first, to: end - 200)
            let income = people.reduce(0) { $0 + Income.monthly(of: $1, on: applied, in: city) }
            let standard = AllowanceStandard.monthly(year: CityCalendar.year(applied))
            let poor = income <= standard * 3 * people.count / 2
            let owned = (vehicles: people.flatMap { vehicles[$0] ?? [] }.filter {
                city.vehicles[$0].registered <= applied && (city.vehicles[$0].scrapped.map { $0 > applied } ?? true)
            }.count, properties: Set(people.flatMap { properties[$0] ?? [] }.filter { index in
                let holder = city.properties[index].owners.last { $0.registered <= applied }
                return holder.map { people.contains($0.person) || people.contains($0.coOwner) } ?? false
            }).count)
            let selfSelection = (owned.vehicles > 0 ? 0.12 : 1) * (owned.properties > 1 ? 0.3 : 1)
            guard random.chance((poor ? 0.12 : 0.0015) * selfSelection) else { continue }
            let type = (income <= standard * people.count ? lowestIncome : lowIncome).draw(&random)
            city.assistance.append(application(household, people, type: type, applied: applied, income: income, owned: owned, city))
        }
    }

    private mutating func application(_ household: Int, _ people: [Int], type: String, applied: Int, income: Int,
                                      owned: (vehicles: Int, properties: Int), _ city: City) -> AssistanceCase {
        let standard = AllowanceStandard.monthly(year: CityCalendar.year(applied))
        let rich = random.chance(0.09)
        var deposits: [DepositAnswer] = []
        for person in people where CityCalendar.age(born: city.persons[person].birth, on: applied) >= 16 {
            for bank in 0..<2 where random.chance(bank == 0 ? 0.55 : 0.45) {
                let total = rich ? random.int(2_000_000...20_000_000) : random.int(0...800_000)
                let demand = total * random.int(30...100) / 100
                let wealth = rich ? (total - demand) / 2 : 0
                deposits.append(DepositAnswer(person: person, bank: bank, accounts: random.int(1...3), demand: demand,
                                              time: total - demand - wealth, wealth: wealth))
            }
        }
        let size = people.count
        var reasons: [String] = []
        let limit = type == "minimum-living-allowance" ? standard : standard * 3 / 2
        if income > limit * size { reasons.append("家庭月人均收入超过标准") }
        if deposits.reduce(0, { $0 + $1.total }) > standard * 24 * size * 100 { reasons.append("家庭金融资产超过标准") }
        if owned.vehicles > 0 { reasons.append("家庭拥有机动车") }
        if owned.properties > 1 { reasons.append("家庭拥有两套以上住房") }
        let result = !reasons.isEmpty ? "ineligible" : random.chance(0.02) ? "needs-review" : "eligible"
        let completed = applied + random.int(10...25)
        let department = type == "public-rental-housing" ? "housing-construction"
            : type == "medical-assistance" ? "medical-security" : "civil-affairs"
        var item = AssistanceCase(household: household, applicant: city.households[household].head, members: people,
                                  applied: applied, completed: completed,
                                  requestNumber: "HJ" + CityCalendar.compact(applied) + String(padded: city.assistance.count + 1, width: 6),
                                  assistanceType: type, requestingDepartment: department, deposits: deposits,
                                  monthlyIncome: income, vehicles: owned.vehicles, properties: owned.properties,
                                  result: result, reasons: reasons)
        if result == "eligible", type == "minimum-living-allowance" {
            let approved = completed + random.int(10...30)
            let terminated = random.chance(0.25) && approved + 365 < end - 30
                ? CityCalendar.draw(&random, from: approved + 365, to: end - 30) : nil
            item.allowance = (approved, terminated)
        }
        if type == "public-rental-housing" {
            let allocated = completed + random.int(90...700)
            item.housing = (result == "eligible" && random.chance(0.6) && allocated < end - 30 ? allocated : nil,
                            random.below(PublicHousingEstates.all.count))
        }
        return item
    }
}

/// Public rental housing estates of Guangzhou.
enum PublicHousingEstates {
    static let all: [(name: String, district: String)] = [
        ("广州市白云区龙归城", "baiyun"), ("广州市白云区金沙洲保障房小区", "baiyun"), ("广州市黄埔区萝岗和苑", "huangpu"),
        ("广州市天河区棠德花苑", "tianhe"), ("广州市海珠区泰安花园", "haizhu"), ("广州市番禺区广氮花园", "panyu"),
        ("广州市荔湾区芳和花园", "liwan"), ("广州市增城区荔城保障房小区", "zengcheng"),
    ]
}
