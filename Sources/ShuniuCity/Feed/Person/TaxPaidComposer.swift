import ShuniuModel

/// `tax-paid` (tax): income and individual income tax over the calendar years 2024 and 2025,
/// published after the annual settlement (March to June of the next year); wages follow the
/// person's jobs, business income their flexible work, property income their let houses.
struct TaxPaidComposer: ThemeComposer {
    let themeID = "tax-paid"
    private static let years = [2024, 2025]

    func compose(_ city: City, into lines: ThemeLines) {
        var landlords: [Int: Int] = [:]
        for house in city.rentals { landlords[house.landlord, default: 0] += 1 }
        for index in city.persons.indices {
            let person = city.persons[index]
            guard person.careerStart != nil || landlords[index] != nil else { continue }
            var random = city.random(RandomStream("tax-paid-record"), index)
            lines.history(subject: person.id, index: index, deadline: person.death) { timeline in
                for year in Self.years {
                    var wage = 0
                    var business = 0
                    var agents: [Int: Int] = [:]
                    for month in 1...12 {
                        let day = CityCalendar.day(year, month, 15)
                        guard person.isAlive(on: day), let start = person.careerStart, start <= day,
                              day < person.retirement else { continue }
                        if let job = Income.job(of: person, on: day) {
                            wage += job.wage
                            agents[job.employer, default: 0] += job.wage
                        } else if person.flexible {
                            business += Income.flexibleIncome(of: index, in: city)
                        }
                    }
                    let property = (landlords[index] ?? 0) * random.int(18_000...48_000)
                    let total = wage + business + property
                    guard total > 0 else { continue }
                    let deductions = 60_000 + random.int(0...3) * 12_000
                    let tax = Self.wageTax(max(0, wage - deductions)) + business * 3 / 100 + property * 10 / 100
                    var row = RowBuilder()
                    row.string("citizen_id", person.id)
                    row.string("name", person.name)
                    row.date("period_start", CityCalendar.day(year, 1, 1))
                    row.date("period_end", CityCalendar.day(year, 12, 31))
                    row.decimal("wage_income", hundredths: wage > 0 ? wage * 100 : nil)
                    row.decimal("business_income", hundredths: business > 0 ? business * 100 : nil)
                    row.decimal("property_income", hundredths: property > 0 ? property * 100 : nil)
                    row.decimal("taxable_income", hundredths: total * 100)
                    row.decimal("income_tax_paid", hundredths: tax * 100)
                    if let agent = agents.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key {
                        row.string("main_withholding_agent", city.entities[agent].code)
                    }
                    let published = CityCalendar.day(year + 1, 3, 1) + random.int(0...115)
                    guard timeline.publish(row.row, on: published) else { break }
                }
            }
        }
    }

    /// Annual comprehensive-income tax (CNY) on taxable wage income after deductions.
    static func wageTax(_ taxable: Int) -> Int {
        let brackets: [(limit: Int, rate: Int, quick: Int)] = [(36_000, 3, 0), (144_000, 10, 2_520), (300_000, 20, 16_920),
                                                               (420_000, 25, 31_920), (660_000, 30, 52_920),
                                                               (960_000, 35, 85_920), (Int.max, 45, 181_920)]
        for bracket in brackets where taxable <= bracket.limit {
            return taxable * bracket.rate / 100 - bracket.quick
        }
        return 0
    }
}
