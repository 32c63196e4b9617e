/// What a person earns and holds on a given day, shared by every theme that reports it so the
/// themes agree (wages in social insurance and tax, pensions, household income in verifications).
enum Income {
    /// The job held on a day, if any.
    static func job(of person: Person, on day: Int) -> JobSpell? {
        person.jobs.first { $0.start <= day && day < $0.end }
    }

    /// Monthly pension in CNY of a person who worked, once retired.
    static func pension(of index: Int, in city: City) -> Int {
        var random = city.random(RandomStream("pension"), index)
        let lastWage = city.persons[index].jobs.last?.wage ?? 4_000
        return max(1_800, lastWage * random.int(45...65) / 100)
    }

    /// Monthly income of flexible work in CNY.
    static func flexibleIncome(of index: Int, in city: City) -> Int {
        var random = city.random(RandomStream("flexible-income"), index)
        return random.int(1_500...6_000)
    }

    /// Monthly income of a person on a day: wage, flexible income or pension.
    static func monthly(of index: Int, on day: Int, in city: City) -> Int {
        let person = city.persons[index]
        guard let careerStart = person.careerStart, careerStart <= day else { return 0 }
        if let job = job(of: person, on: day) { return job.wage }
        if day >= person.retirement { return pension(of: index, in: city) }
        return person.flexible ? flexibleIncome(of: index, in: city) : 0
    }
}
