import ShuniuModel

/// Chooses the subjects of the `--inconsistencies` issues, cycling through the four kinds.
struct InjectionPlanner {
    private var random: CityRandom

    init(city: City) {
        random = city.random(.inconsistencies, 0)
    }

    mutating func plan(_ count: Int, into city: inout City, registry: inout IdentityRegistry, mint: inout CreditCodeMint,
                       places: PlaceDrawing) {
        guard count > 0 else { return }
        let married = city.persons.indices.filter { city.persons[$0].marriage >= 0 }
        let dead = city.persons.indices.filter { city.persons[$0].death != nil }
        let withBirthRow = city.persons.indices.filter { city.persons[$0].birth >= BirthRecords.firstCertificateDay }
        var used = Set<Int>()
        for serial in 0..<count {
            let kind = InconsistencyKind.allCases[serial % InconsistencyKind.allCases.count]
            switch kind {
            case .spouseNotInPersonLibrary:
                guard let person = choose(from: married, avoiding: &used) else { continue }
                let sex: Sex = city.persons[person].sex == .male ? .female : .male
                let birth = city.persons[person].birth + random.int(-900...900)
                let fake = registry.issue(region: places.districts[places.district(&random)].region, birth: birth, sex: sex)
                city.injections.fakeSpouses[person] = (fake.id, PersonNames.fullName(sex, &random))
                record(kind, "marriage", city.persons[person].id,
                       "spouse_citizen_id \(fake.id) is no person of the city", &city)
            case .eventAfterDeath:
                guard let person = choose(from: dead, avoiding: &used), let death = city.persons[person].death else { continue }
                let day = min(death + random.int(20...120), CityCalendar.windowEnd)
                city.injections.afterDeath[person] = day
                record(kind, "social-insurance", city.persons[person].id,
                       "a social-insurance line on \(CityCalendar.iso(day)) after the death on \(CityCalendar.iso(death))", &city)
            case .taxRegistrationUnknownCreditCode:
                let district = places.district(&random)
                let code = mint.next(authority: "9", kind: "1", region: places.districts[district].region, unified: true)
                let day = CityCalendar.draw(&random, from: CityCalendar.windowStart + 30, to: CityCalendar.windowEnd - 30)
                let name = "广州\(String(random.pick(BusinessLexicon.tradeNames)))\(String(random.pick(BusinessLexicon.tradeNames)))商贸有限公司"
                city.injections.unknownTaxpayers.append((code, name, day, district))
                record(kind, "tax-registration", code, "credit code \(code) is registered by no registry of the city", &city)
            case .birthDateMismatch:
                guard let person = choose(from: withBirthRow, avoiding: &used) else { continue }
                let shift = random.chance(0.5) ? random.int(1...30) : -random.int(1...30)
                city.injections.birthShifts[person] = shift
                record(kind, "household-registration", city.persons[person].id,
                       "birth_date \(CityCalendar.iso(city.persons[person].birth + shift)) but the birth theme says \(CityCalendar.iso(city.persons[person].birth))",
                       &city)
            }
        }
    }

    private mutating func choose(from candidates: [Int], avoiding used: inout Set<Int>) -> Int? {
        guard !candidates.isEmpty else { return nil }
        for _ in 0..<64 {
            let pick = random.pick(candidates)
            if used.insert(pick).inserted { return pick }
        }
        return nil
    }

    private func record(_ kind: InconsistencyKind, _ theme: String, _ subject: String, _ detail: String, _ city: inout City) {
        city.injections.issues.append(Inconsistency(kind: kind, theme: theme, subject: subject, detail: detail))
    }
}
