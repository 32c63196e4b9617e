/// The party of a credit record (licence holder, offender, debtor): a registered entity or a
/// person, with what the double-publicity and court themes show of them.
struct CreditParty: Sendable {
    /// `legal-entity`, `sole-trader` or `person`.
    let kind: String
    let name: String
    let creditCode: String?
    let citizenID: String?
    let representative: String?
    let district: String
    /// The first and last day on which a record about the party may be dated.
    let from: Int
    let until: Int

    /// An entity as a party (`until` is the day before its registration ends).
    static func entity(_ index: Int, in city: City) -> CreditParty {
        let entity = city.entities[index]
        let person = city.persons[entity.representative]
        return CreditParty(kind: entity.kind == .soleTrader ? "sole-trader" : "legal-entity",
                           name: entity.name.isEmpty ? person.name : entity.name, creditCode: entity.code, citizenID: nil,
                           representative: person.name, district: city.districtID(entity.place),
                           from: max(entity.established + 30, CityCalendar.windowStart),
                           until: min(entity.ending.map { $0.day - 1 } ?? CityCalendar.windowEnd, CityCalendar.windowEnd))
    }

    /// A person as a party (`until` is the day before their death).
    static func person(_ index: Int, in city: City) -> CreditParty {
        let person = city.persons[index]
        return CreditParty(kind: "person", name: person.name, creditCode: nil, citizenID: person.id, representative: nil,
                           district: city.districtID(city.place(of: index, on: CityCalendar.windowStart)),
                           from: max(CityCalendar.adding(years: 18, to: person.birth), CityCalendar.windowStart),
                           until: min((person.death ?? Int.max) - 1, CityCalendar.windowEnd))
    }

    /// The published name of a person: surname kept, given name masked (陈*明); others unchanged.
    var publishedName: String {
        guard kind == "person" else { return name }
        let characters = Array(name)
        guard characters.count > 1 else { return name }
        return characters.count == 2 ? String(characters[0]) + "*" : String(characters[0]) + "*" + String(characters.last!)
    }

    /// The government bodies' entity indexes.
    static func authorities(in city: City) -> [Int] {
        city.entities.indices.filter { city.entities[$0].kind == .governmentBody }
    }
}
