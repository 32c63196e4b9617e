import ShuniuModel

/// `household-economic-check-results` (verification centre): one result per application,
/// computed from the same income, deposits, vehicles and properties the other themes publish.
struct EconomicCheckComposer: ThemeComposer {
    let themeID = "household-economic-check-results"

    func compose(_ city: City, into lines: ThemeLines) {
        for item in city.assistance {
            let applicant = city.persons[item.applicant]
            let place = city.place(of: item.applicant, on: item.completed)
            var row = RowBuilder()
            row.string("citizen_id", applicant.id)
            row.string("name", applicant.name)
            row.string("request_no", item.requestNumber)
            row.string("requesting_department", item.requestingDepartment)
            row.string("assistance_type", item.assistanceType)
            row.integer("household_size", item.members.count)
            row.decimal("monthly_income_per_capita", hundredths: item.monthlyIncome * 100 / item.members.count)
            row.decimal("financial_assets", hundredths: item.financialAssets)
            row.integer("vehicle_count", item.vehicles)
            row.integer("property_count", item.properties)
            row.string("result", item.result)
            row.string("ineligible_reasons", item.reasons.isEmpty ? nil : item.reasons.joined(separator: "；"))
            row.date("completed_on", item.completed)
            row.string("district", city.districtID(place))
            lines.history(subject: applicant.id, index: item.applicant, deadline: applicant.death) {
                $0.publish(row.row, on: item.completed)
            }
        }
    }
}

/// `bank-deposits-<bank>` (a bank): the bank's answer to a verification request, one row per
/// household member who holds accounts there.
struct BankDepositComposer: ThemeComposer {
    let themeID: String
    /// 0: ICBC Guangzhou, 1: CCB Guangzhou.
    let bank: Int

    func compose(_ city: City, into lines: ThemeLines) {
        for item in city.assistance {
            for answer in item.deposits where answer.bank == bank {
                let person = city.persons[answer.person]
                var random = city.random(RandomStream(themeID), answer.person)
                let asOf = item.applied + random.int(1...5)
                var row = RowBuilder()
                row.string("citizen_id", person.id)
                row.string("name", person.name)
                row.string("request_no", item.requestNumber)
                row.date("as_of", asOf)
                row.integer("account_count", answer.accounts)
                row.decimal("demand_deposits", hundredths: answer.demand)
                row.decimal("time_deposits", hundredths: answer.time)
                row.decimal("wealth_management", hundredths: answer.wealth)
                row.decimal("total_balance", hundredths: answer.total)
                lines.history(subject: person.id, index: answer.person, deadline: person.death) {
                    $0.publish(row.row, on: asOf + random.int(0...2))
                }
            }
        }
    }
}

/// `minimum-living-allowance` (civil affairs): a row for every member of a household granted the
/// allowance; new amounts when the city raises the standard, and termination.
struct MinimumLivingAllowanceComposer: ThemeComposer {
    let themeID = "minimum-living-allowance"

    func compose(_ city: City, into lines: ThemeLines) {
        for item in city.assistance {
            guard let allowance = item.allowance else { continue }
            let head = city.persons[item.applicant]
            var changes = [allowance.approved]
            for year in stride(from: CityCalendar.year(allowance.approved) + 1, through: CityCalendar.year(CityCalendar.windowEnd), by: 1) {
                let day = CityCalendar.day(year, 1, 1)
                if AllowanceStandard.monthly(year: year) != AllowanceStandard.monthly(year: year - 1),
                   day < allowance.terminated ?? Int.max {
                    changes.append(day)
                }
            }
            for member in item.members {
                let person = city.persons[member]
                lines.history(subject: person.id, index: member, deadline: person.death) { timeline in
                    for day in changes {
                        timeline.publish(row(item, head: head, person: person, city: city, on: day,
                                             approved: allowance.approved, terminated: nil), on: day)
                    }
                    if let terminated = allowance.terminated {
                        timeline.publish(row(item, head: head, person: person, city: city, on: terminated,
                                             approved: allowance.approved, terminated: terminated), on: terminated)
                    }
                }
            }
        }
    }

    private func row(_ item: AssistanceCase, head: Person, person: Person, city: City, on day: Int, approved: Int,
                     terminated: Int?) -> Row {
        let place = city.households[item.household].place(on: day)
        let standard = AllowanceStandard.monthly(year: CityCalendar.year(day))
        var row = RowBuilder()
        row.string("citizen_id", person.id)
        row.string("name", person.name)
        row.string("household_head_citizen_id", head.id)
        row.integer("household_size", item.members.count)
        row.string("status", terminated == nil ? "receiving" : "terminated")
        row.date("approved_on", approved)
        row.date("terminated_on", terminated)
        row.decimal("monthly_amount", hundredths: max(standard * item.members.count - item.monthlyIncome, 100) * 100)
        row.string("address", place.address)
        row.string("district", city.districtID(place))
        row.string("subdistrict", city.subdistrict(place))
        return row.row
    }
}
