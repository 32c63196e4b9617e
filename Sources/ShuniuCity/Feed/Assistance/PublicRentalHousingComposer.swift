import ShuniuModel

/// `public-rental-housing` (housing and construction): applications after an economic-status
/// verification, and applications of new employees; review, waiting list, allocation or refusal.
struct PublicRentalHousingComposer: ThemeComposer {
    let themeID = "public-rental-housing"

    private struct Application {
        var person: Int
        var size: Int
        var category: String
        var applied: Int
        var decided: Int
        var outcome: String
        var allocated: Int?
        var estate: Int
    }

    func compose(_ city: City, into lines: ThemeLines) {
        var applications: [Application] = []
        var applicants = Set<Int>()
        for item in city.assistance where item.assistanceType == "public-rental-housing" {
            guard let housing = item.housing else { continue }
            let standard = AllowanceStandard.monthly(year: CityCalendar.year(item.applied))
            let category = item.monthlyIncome <= standard * item.members.count ? "minimum-living-allowance" : "low-income"
            let outcome = item.result == "eligible" ? "waiting" : item.result == "ineligible" ? "rejected" : "under-review"
            applications.append(Application(person: item.applicant, size: item.members.count, category: category,
                                            applied: item.applied - 5, decided: item.completed + 10, outcome: outcome,
                                            allocated: housing.allocated, estate: housing.estate))
            applicants.insert(item.applicant)
        }
        for index in city.persons.indices where !applicants.contains(index) {
            let person = city.persons[index]
            guard let job = person.jobs.first, job.start >= CityCalendar.windowStart,
                  CityCalendar.age(born: person.birth, on: job.start) <= 30 else { continue }
            var random = city.random(RandomStream("new-employee-housing"), index)
            guard random.chance(0.03) else { continue }
            let applied = job.start + random.int(90...400)
            let allocated = applied + random.int(120...500)
            applications.append(Application(person: index, size: 1, category: "new-employee", applied: applied,
                                            decided: applied + random.int(20...60), outcome: "waiting",
                                            allocated: random.chance(0.5) ? allocated : nil,
                                            estate: random.below(PublicHousingEstates.all.count)))
        }
        for (serial, application) in applications.enumerated() {
            let person = city.persons[application.person]
            var random = city.random(RandomStream("public-rental-housing-record"), application.person)
            let number = "GZGZ" + CityCalendar.compact(application.applied) + String(padded: serial + 1, width: 6)
            let estate = PublicHousingEstates.all[application.estate]
            let rent = random.int(300...900)
            func row(_ status: String, allocated: Int?) -> Row {
                var row = RowBuilder()
                row.string("citizen_id", person.id)
                row.string("name", person.name)
                row.string("application_no", number)
                row.integer("household_size", application.size)
                row.string("eligibility_category", application.category)
                row.string("status", status)
                if let allocated {
                    row.string("allocated_address", "\(estate.name)\(random.int(1...30))栋\(random.int(2...30))0\(random.int(1...8))房")
                    row.string("district", estate.district)
                    row.decimal("monthly_rent", hundredths: rent * 100)
                    row.decimal("rent_subsidy", hundredths: application.category == "new-employee" ? nil : rent * 50)
                    row.date("lease_start", allocated)
                    row.date("lease_end", CityCalendar.adding(years: 3, to: allocated))
                }
                return row.row
            }
            lines.history(subject: person.id, index: application.person, deadline: person.death) { timeline in
                timeline.publish(row("applied", allocated: nil), on: application.applied)
                timeline.publish(row("under-review", allocated: nil), on: application.applied + 3)
                if application.outcome != "under-review" {
                    timeline.publish(row(application.outcome, allocated: nil), on: application.decided)
                }
                if let allocated = application.allocated, application.outcome == "waiting" {
                    timeline.publish(row("allocated", allocated: allocated), on: allocated)
                }
            }
        }
    }
}
