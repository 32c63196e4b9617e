import ShuniuModel

/// `housing-fund` (housing fund centre): an account opened with the first job whose employer
/// pays into the fund (public institutions always do); moved to the next such employer,
/// sealed between jobs, closed after retirement.
struct HousingFundComposer: ThemeComposer {
    let themeID = "housing-fund"

    func compose(_ city: City, into lines: ThemeLines) {
        for index in city.persons.indices {
            let person = city.persons[index]
            let states = WorkingLife.states(of: person).map { day, state -> (day: Int, state: WorkState) in
                if case .employed(let job) = state, !person.housingFund,
                   city.entities[job.employer].kind != .publicInstitution {
                    return (day, .between)
                }
                return (day, state)
            }
            guard let opening = states.firstIndex(where: { if case .employed = $0.state { true } else { false } }) else {
                continue
            }
            var random = city.random(RandomStream("housing-fund-record"), index)
            let opened = states[opening].day + random.int(0...30)
            let account = "44" + String(padded: (index &* 7_919 &+ 101) % 10_000_000_000, width: 10) + String(format2: random.below(100))
            let rate = random.int(5...12)
            let hasLoan = random.chance(0.2)
            var balance = 0
            var monthly = 0
            var lastDay = opened
            lines.history(subject: person.id, index: index, deadline: person.death) { timeline in
                for (day, state) in states[opening...] {
                    let published = max(day + random.int(0...30), opened)
                    let asOf = max(published, CityCalendar.windowStart)
                    balance += monthly * max(0, (asOf - lastDay) / 30)
                    lastDay = asOf
                    var row = RowBuilder()
                    row.string("citizen_id", person.id)
                    row.string("name", person.name)
                    row.string("account_no", account)
                    switch state {
                    case .employed(let job):
                        let base = min(max(job.wage, 2_300), 36_000)
                        monthly = base * rate * 2 / 100
                        if published == opened || (opened < CityCalendar.windowStart && balance == 0) {
                            balance = monthly * max(0, (asOf - opened) / 30)
                        }
                        row.string("employer_credit_code", city.entities[job.employer].code)
                        row.string("account_status", "active")
                        row.decimal("contribution_base", hundredths: base * 100)
                        row.decimal("monthly_contribution", hundredths: monthly * 100)
                    case .retired:
                        monthly = 0
                        balance = 0
                        row.string("account_status", "closed")
                    case .flexible, .unemployedRegistered, .between:
                        monthly = 0
                        row.string("account_status", "sealed")
                    }
                    row.decimal("balance", hundredths: balance * 100)
                    if monthly > 0 { row.string("last_paid_month", CityCalendar.month(asOf - 15)) }
                    row.date("opened_on", opened)
                    row.boolean("has_loan", hasLoan && balance > 0)
                    guard timeline.publish(row.row, on: published) else { break }
                }
            }
        }
    }
}
