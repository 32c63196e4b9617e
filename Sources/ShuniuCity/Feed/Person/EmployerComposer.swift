import ShuniuModel

/// `employer` (human resources and social security): a person's current employment; a new
/// version at each job change, unemployment registration and retirement.
struct EmployerComposer: ThemeComposer {
    let themeID = "employer"

    /// Occupation codes (GB/T 6565-2015).
    private static let occupations = ["1-06-00", "2-02-10", "2-05-01", "2-06-07", "2-07-06", "3-01-02", "4-01-02",
                                      "4-02-02", "4-03-01", "4-07-06", "5-01-01", "6-18-02", "6-29-01"]

    func compose(_ city: City, into lines: ThemeLines) {
        for index in city.persons.indices {
            let person = city.persons[index]
            let states = WorkingLife.states(of: person)
            guard !states.isEmpty else { continue }
            var random = city.random(RandomStream("employer-record"), index)
            lines.history(subject: person.id, index: index, deadline: person.death) { timeline in
                for (day, state) in states {
                    var row = RowBuilder()
                    row.string("citizen_id", person.id)
                    row.string("name", person.name)
                    switch state {
                    case .employed(let job):
                        let employer = city.entities[job.employer]
                        row.string("employment_status", "employed")
                        row.string("employer_credit_code", employer.code)
                        row.string("employer_name", employer.name)
                        row.string("contract_type", random.chance(0.6) ? "fixed-term" : random.chance(0.9) ? "open-ended" : "task-based")
                        row.string("occupation", random.pick(Self.occupations))
                    case .flexible:
                        row.string("employment_status", "flexible")
                        row.string("contract_type", "none")
                    case .unemployedRegistered:
                        row.string("employment_status", "unemployed-registered")
                        row.string("contract_type", "none")
                    case .between:
                        continue
                    case .retired:
                        row.string("employment_status", "retired")
                    }
                    row.date("registered_on", day)
                    guard timeline.publish(row.row, on: day) else { break }
                }
            }
        }
    }
}

/// `social-insurance` (human resources and social security): pension, unemployment and
/// work-injury insurance, following the person's jobs a few days later.
struct SocialInsuranceComposer: ThemeComposer {
    let themeID = "social-insurance"

    func compose(_ city: City, into lines: ThemeLines) {
        for index in city.persons.indices {
            let person = city.persons[index]
            let states = WorkingLife.states(of: person)
            let extra = city.injections.afterDeath[index]
            guard !states.isEmpty || extra != nil else { continue }
            var random = city.random(RandomStream("social-insurance-record"), index)
            let first = person.careerStart ?? (extra ?? person.birth) - 365
            func row(_ state: WorkState, on day: Int) -> Row {
                var row = RowBuilder()
                row.string("citizen_id", person.id)
                row.string("name", person.name)
                switch state {
                case .employed(let job):
                    row.string("employer_credit_code", city.entities[job.employer].code)
                    row.string("pension_status", "contributing")
                    row.string("unemployment_status", "contributing")
                    row.string("work_injury_status", "contributing")
                    row.decimal("contribution_base", hundredths: min(max(job.wage, 2_300), 30_000) * 100)
                case .flexible:
                    row.string("pension_status", "contributing")
                    row.string("unemployment_status", "none")
                    row.string("work_injury_status", "none")
                    row.decimal("contribution_base", hundredths: max(Income.flexibleIncome(of: index, in: city), 2_300) * 100)
                case .unemployedRegistered:
                    row.string("pension_status", "suspended")
                    row.string("unemployment_status", "receiving-benefit")
                    row.string("work_injury_status", "none")
                case .between:
                    row.string("pension_status", "suspended")
                    row.string("unemployment_status", "suspended")
                    row.string("work_injury_status", "none")
                case .retired:
                    row.string("pension_status", "receiving-pension")
                    row.string("unemployment_status", "none")
                    row.string("work_injury_status", "none")
                    row.decimal("monthly_pension", hundredths: Income.pension(of: index, in: city) * 100)
                }
                let asOf = max(day, CityCalendar.windowStart)
                row.integer("contribution_months", max(0, (min(asOf, person.retirement) - first) / 30))
                row.date("first_contributed_on", first)
                if case .retired = state {} else { row.string("last_paid_month", CityCalendar.month(asOf - 15)) }
                return row.row
            }
            lines.history(subject: person.id, index: index, deadline: person.death) { timeline in
                for (day, state) in states {
                    let published = day + random.int(0...20)
                    guard timeline.publish(row(state, on: published), on: published) else { break }
                }
                if let extra {
                    timeline.publishIgnoringDeadline(row(.flexible, on: extra), on: extra)
                }
            }
        }
    }
}
