import ShuniuModel

/// A generated city: people, households, organisations, their assets and their histories.
///
/// Built by ``CityGenerator``; a plain value, so the writer can compose every theme from it in
/// parallel. Everything in it was drawn from the parameters' seed.
public struct City: Sendable {
    /// The parameters it was built from.
    public let parameters: CityParameters
    /// The districts, in atlas order.
    let districts: [DistrictProfile]
    var persons: [Person] = []
    var households: [Household] = []
    var relocations: [Relocation] = []
    var marriages: [Marriage] = []
    var entities: [LegalEntity] = []
    var vehicles: [Vehicle] = []
    var quotas: [QuotaIndicator] = []
    var properties: [Property] = []
    var rentals: [RentalHouse] = []
    var migrants: [Migrant] = []
    var assistance: [AssistanceCase] = []
    var injections = InjectionPlan()

    init(parameters: CityParameters, districts: [DistrictProfile]) {
        self.parameters = parameters
        self.districts = districts
    }

    /// The number of registered persons.
    public var personCount: Int { persons.count }
    /// The number of legal entities (government bodies included).
    public var entityCount: Int { entities.count }
    /// The number of residents registered elsewhere.
    public var migrantCount: Int { migrants.count }
    /// The injected issues.
    public var inconsistencies: [Inconsistency] { injections.issues }

    /// The random stream of a purpose and subject index.
    func random(_ stream: RandomStream, _ index: Int) -> CityRandom {
        CityRandom(seed: parameters.seed, stream: stream, index: index)
    }

    /// The household and relation of a person on a day (after any relocations up to that day).
    func registration(of person: Int, on day: Int) -> (household: Int, relation: Relation, since: Int) {
        let resident = persons[person]
        var current = (household: resident.household, relation: resident.relation, since: resident.joined)
        for index in resident.relocations {
            let move = relocations[index]
            guard move.day <= day else { break }
            current = (move.household, move.relation, move.day)
        }
        return current
    }

    /// The person's household at the end of the window.
    func finalHousehold(of person: Int) -> Int {
        registration(of: person, on: CityCalendar.windowEnd).household
    }

    /// The person's living spouse on a day (married, not divorced, not widowed), or -1.
    func spouse(of person: Int, on day: Int) -> Int {
        let index = persons[person].marriage
        guard index >= 0 else { return -1 }
        let marriage = marriages[index]
        guard marriage.day <= day, marriage.divorce.map({ day < $0 }) ?? true else { return -1 }
        let spouse = marriage.spouse(of: person)
        return persons[spouse].isAlive(on: day) ? spouse : -1
    }
}

extension City {
    /// Where a person is registered on a day.
    func place(of person: Int, on day: Int) -> Place {
        households[registration(of: person, on: day).household].place(on: day)
    }

    /// The district id of a place.
    func districtID(_ place: Place) -> String { districts[place.district].id }

    /// The subdistrict name of a place.
    func subdistrict(_ place: Place) -> String { districts[place.district].subdistricts[place.subdistrict] }
}
