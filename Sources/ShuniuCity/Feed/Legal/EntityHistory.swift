/// The registration events of an entity in time order: establishment, changes and the ending,
/// shared by the registry themes so they agree on what changed when.
enum EntityEvent: Sendable {
    case established, capitalChanged, relocated, representativeChanged, ended(EntityEnding)
}

enum EntityHistory {
    /// The days on which the entity's registration changes, in order.
    static func events(of entity: LegalEntity) -> [(day: Int, event: EntityEvent)] {
        var events: [(day: Int, event: EntityEvent)] = [(entity.established, .established)]
        if let change = entity.capitalChange { events.append((change.day, .capitalChanged)) }
        if let move = entity.relocation { events.append((move.day, .relocated)) }
        if let change = entity.representativeChange { events.append((change.day, .representativeChanged)) }
        if let ending = entity.ending { events.append((ending.day, .ended(ending.kind))) }
        return events.sorted { $0.day < $1.day }
    }

    /// Registered capital on a day (hundredths of 10k CNY).
    static func capital(of entity: LegalEntity, on day: Int) -> Int {
        if let change = entity.capitalChange, day >= change.day { return change.capital }
        return entity.capital
    }

    /// The representative's name on a day.
    static func representativeName(of entity: LegalEntity, on day: Int, in city: City) -> String? {
        let person = entity.representative(on: day)
        return person >= 0 ? city.persons[person].name : nil
    }

    /// The district market-regulation bureau that registers an entity.
    static func registrationAuthority(_ entity: LegalEntity, in city: City) -> String {
        "广州市\(city.districts[entity.place.district].name)市场监督管理局"
    }

    /// The legacy registration number (注册号) of an entity registered before the unified code.
    static func registrationNumber(_ entity: LegalEntity, index: Int, in city: City) -> String? {
        guard entity.established < CreditCodeMint.unifiedCodeDay else { return nil }
        return city.districts[entity.place.district].region + String(padded: (index &* 7_919 &+ 3) % 1_000_000_000, width: 9)
    }

    /// A landline, e.g. 020-87654321.
    static func phone(_ random: inout CityRandom) -> String {
        "020-" + String(random.int(2...8)) + String(padded: random.below(10_000_000), width: 7)
    }
}
