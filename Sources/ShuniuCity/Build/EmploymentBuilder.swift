import ShuniuModel

/// Gives persons their schooling, working life and jobs: employers are drawn by size among
/// entities registered (and not yet closed) during the job.
struct EmploymentBuilder {
    private let start = CityCalendar.windowStart
    private let end = CityCalendar.windowEnd

    mutating func build(into city: inout City) {
        let employers = city.entities.indices.filter { city.entities[$0].employs }
        let choice = employers.isEmpty ? nil : WeightedChoice(employers.map { ($0, city.entities[$0].size) })
        for index in city.persons.indices {
            var random = city.random(.employment, index)
            var person = city.persons[index]
            person.education = education(born: person.birth, &random)
            guard person.education >= .juniorSecondary else {
                city.persons[index] = person
                continue
            }
            let schoolEnd = CityCalendar.adding(years: max(16, person.education.graduationAge), to: person.birth)
            let careerStart = schoolEnd + random.int(30...400)
            let track = random.unit()
            let stop = min(person.retirement, person.death ?? Int.max, end)
            if careerStart < stop, track < 0.92 {
                person.careerStart = careerStart
                if track < 0.8, let choice {
                    person.jobs = jobs(from: careerStart, until: stop, education: person.education, choice: choice,
                                       city: city, &random)
                }
                person.flexible = person.jobs.isEmpty
                person.housingFund = random.chance(0.65)
            }
            city.persons[index] = person
        }
    }

    /// Eventual highest schooling by birth cohort.
    private func education(born birth: Int, _ random: inout CityRandom) -> EducationLevel {
        let year = CityCalendar.year(birth)
        let weights: [Int] = switch year {
        case ..<1950: [10, 40, 30, 14, 0, 4, 2, 0, 0]
        case ..<1965: [0, 25, 38, 22, 5, 6, 4, 0, 0]
        case ..<1980: [0, 8, 32, 25, 10, 12, 11, 2, 0]
        case ..<1995: [0, 0, 15, 18, 12, 22, 26, 6, 1]
        default: [0, 0, 8, 15, 14, 25, 30, 7, 1]
        }
        var roll = random.below(100)
        for (level, weight) in zip(EducationLevel.allCases, weights) {
            if roll < weight { return level }
            roll -= weight
        }
        return .bachelor
    }

    /// The job spells of a working life that overlap the window.
    private func jobs(from careerStart: Int, until stop: Int, education: EducationLevel, choice: WeightedChoice<Int>,
                      city: City, _ random: inout CityRandom) -> [JobSpell] {
        var spells: [JobSpell] = []
        var spellStart = careerStart
        while spellStart < stop {
            let natural = min(spellStart + random.int((2 * 365)...(15 * 365)), stop)
            let unemployment = random.chance(0.15)
            let gap = unemployment ? random.int(70...300) : random.int(1...45)
            defer { spellStart = natural + gap }
            guard natural > start else { continue }
            guard let spell = spell(from: spellStart, to: natural, education: education, choice: choice, city: city,
                                    &random) else { continue }
            var kept = spell
            kept.registersUnemployment = unemployment && kept.end == natural && natural < stop && random.chance(0.6)
            spells.append(kept)
        }
        return spells
    }

    /// One job from about `first` to about `last` at an employer active all along, or nil.
    private func spell(from first: Int, to last: Int, education: EducationLevel, choice: WeightedChoice<Int>,
                       city: City, _ random: inout CityRandom) -> JobSpell? {
        for _ in 0..<16 {
            let employer = choice.draw(&random)
            let entity = city.entities[employer]
            let begin = max(first, entity.established + random.int(30...120))
            let finish = min(last, (entity.ending?.day ?? Int.max) - random.int(30...90))
            guard finish - begin >= 180 else { continue }
            let factor = [0, 8, 9, 10, 10, 12, 15, 20, 24][education.rawValue]
            let wage = random.int(2_800...6_000) * factor / 10 + (entity.kind == .publicInstitution ? 2_000 : 0)
            return JobSpell(employer: employer, start: begin, end: finish == last && last >= end ? Int.max : finish,
                            wage: wage, registersUnemployment: false)
        }
        return nil
    }
}
