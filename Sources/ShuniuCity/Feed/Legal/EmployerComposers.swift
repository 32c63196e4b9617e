import ShuniuModel

/// Who works where: the job spells of every employer, to count staff on a day.
struct EmployeeRoster {
    private var spells: [[(start: Int, end: Int)]]

    init(_ city: City) {
        spells = Array(repeating: [], count: city.entities.count)
        for person in city.persons {
            for job in person.jobs {
                spells[job.employer].append((job.start, min(job.end, person.death ?? Int.max)))
            }
        }
    }

    /// Employees of an entity on a day.
    func count(_ entity: Int, on day: Int) -> Int {
        spells[entity].reduce(0) { $0 + ($1.start <= day && day < $1.end ? 1 : 0) }
    }
}

/// `social-insurance-registration` (human resources and social security): employers'
/// registration, a yearly update of the insured count, arrears, and cancellation.
struct SocialInsuranceRegistrationComposer: ThemeComposer {
    let themeID = "social-insurance-registration"

    func compose(_ city: City, into lines: ThemeLines) {
        let roster = EmployeeRoster(city)
        for (index, entity) in city.entities.enumerated() where entity.employs {
            var random = city.random(RandomStream("social-insurance-registration-record"), index)
            let registered = entity.established + random.int(20...60)
            let unit = "4401" + String(padded: (index &* 7_919 &+ 11) % 100_000_000, width: 8)
            let arrears = random.chance(0.06) ? CityCalendar.draw(&random, from: max(registered, CityCalendar.windowStart) + 200,
                                                                 to: CityCalendar.windowEnd - 200) : nil
            let arrearsEnd = arrears.map { $0 + random.int(60...180) }
            let arrearsAmount = random.int(5_000...400_000)
            func owing(_ day: Int) -> Bool {
                guard let arrears, let arrearsEnd else { return false }
                return day >= arrears && day < arrearsEnd
            }
            func row(on day: Int, status: String, inArrears: Bool) -> Row {
                var row = RowBuilder()
                row.string("credit_code", entity.code)
                row.string("unit_name", entity.name)
                row.string("unit_no", unit)
                row.date("registered_on", registered)
                row.string("status", status)
                row.integer("insured_count", status == "cancelled" ? 0 : roster.count(index, on: max(day, CityCalendar.windowStart)))
                row.boolean("in_arrears", inArrears)
                row.decimal("arrears_amount", hundredths: inArrears ? arrearsAmount * 100 : nil)
                row.string("district", city.districtID(entity.place(on: day)))
                return row.row
            }
            let stop = entity.ending?.day ?? Int.max
            lines.history(subject: entity.code, index: index) { timeline in
                var days = [registered]
                for year in 2015...2026 {
                    let day = CityCalendar.day(year, 7, 1) + random.int(0...20)
                    if day > registered + 180 { days.append(day) }
                }
                days += [arrears, arrearsEnd].compactMap { $0 }
                for day in Set(days).sorted() where day < stop {
                    timeline.publish(row(on: day, status: "active", inArrears: owing(day)), on: day)
                }
                if let ending = entity.ending {
                    timeline.publish(row(on: ending.day, status: "cancelled", inArrears: false), on: ending.day)
                }
            }
        }
    }
}

/// `annual-report` (market regulation): each enterprise's latest annual report, one version
/// a year (submitted January to June; overdue or listed as abnormal otherwise).
struct AnnualReportComposer: ThemeComposer {
    let themeID = "annual-report"

    func compose(_ city: City, into lines: ThemeLines) {
        let roster = EmployeeRoster(city)
        for (index, entity) in city.entities.enumerated() where entity.kind == .enterprise {
            var random = city.random(RandomStream("annual-report-record"), index)
            let phone = EntityHistory.phone(&random)
            let website = random.chance(0.3) ? "www.\(entity.organisationCode.lowercased()).com.cn" : nil
            let firstYear = max(2014, CityCalendar.year(entity.established))
            lines.history(subject: entity.code, index: index) { timeline in
                for year in stride(from: firstYear, through: 2025, by: 1) {
                    let roll = random.unit()
                    let status = roll < 0.93 ? "submitted" : roll < 0.98 ? "overdue" : "abnormal-listed"
                    let day = status == "submitted" ? CityCalendar.day(year + 1, 1, 2) + random.int(0...178)
                        : CityCalendar.day(year + 1, 7, 1) + random.int(0...10)
                    guard entity.isActive(on: day) else { continue }
                    let employees = roster.count(index, on: CityCalendar.day(year, 12, 31))
                    let assets = EntityHistory.capital(of: entity, on: day) * random.int(80...400) / 100
                    var row = RowBuilder()
                    row.string("credit_code", entity.code)
                    row.string("name", entity.name)
                    row.integer("report_year", year)
                    row.string("report_status", status)
                    if status == "submitted" {
                        row.date("submitted_on", day)
                        row.integer("employee_count", employees)
                        row.decimal("total_assets", hundredths: assets)
                        row.decimal("revenue", hundredths: assets * random.int(30...250) / 100)
                        row.decimal("tax_paid", hundredths: assets * random.int(1...8) / 100)
                        row.string("contact_phone", phone)
                        row.string("email", "service@\(entity.organisationCode.lowercased()).cn")
                        row.string("website", website)
                    }
                    guard timeline.publish(row.row, on: day) else { break }
                }
            }
        }
    }
}
