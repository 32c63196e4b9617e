/// A person's working life as a sequence of states, shared by the employer, social-insurance
/// and housing-fund themes so that they agree on employers and dates.
enum WorkState: Sendable {
    case employed(JobSpell)
    case flexible
    case unemployedRegistered
    case between
    case retired
}

enum WorkingLife {
    /// The states of a person's working life with the day each begins, in order.
    static func states(of person: Person) -> [(day: Int, state: WorkState)] {
        guard let careerStart = person.careerStart else { return [] }
        var states: [(day: Int, state: WorkState)] = []
        let retirement = person.retirement
        if person.jobs.isEmpty || person.flexible {
            states.append((careerStart, .flexible))
        }
        for (position, job) in person.jobs.enumerated() {
            states.append((max(job.start, states.last.map { $0.day + 1 } ?? job.start), .employed(job)))
            guard job.end != Int.max, job.end < retirement else { continue }
            let next = position + 1 < person.jobs.count ? person.jobs[position + 1].start : Int.max
            if job.registersUnemployment, job.end + 10 < next {
                states.append((job.end + 10, .unemployedRegistered))
            } else if job.end + 30 < next {
                states.append((job.end + 30, person.flexible ? .flexible : .between))
            }
        }
        if retirement <= CityCalendar.windowEnd, retirement > (states.last?.day ?? careerStart) {
            states.append((retirement, .retired))
        }
        return states
    }
}
