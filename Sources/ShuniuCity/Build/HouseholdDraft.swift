import ShuniuModel

/// A household being assembled: members without ID numbers yet, then committed to the city.
struct HouseholdDraft {
    let householdIndex: Int
    let district: Int
    var members: [Person] = []
    var head = 0
    var formed = CityCalendar.windowStart - 1
    var couple: (husband: Int, wife: Int, day: Int)?
    var elderCouple: (husband: Int, wife: Int, day: Int)?
    var singleParent: Int?

    init(householdIndex: Int, district: Int) {
        self.householdIndex = householdIndex
        self.district = district
    }

    /// Adds a member; returns its index in the draft.
    mutating func add(sex: Sex, birth: Int, surname: String?, relation: Relation, random: inout CityRandom) -> Int {
        let name = surname.map { PersonNames.fullName(surname: $0, sex: sex, &random) } ?? PersonNames.fullName(sex, &random)
        members.append(Person(id: "", name: name, sex: sex, birth: birth, birthDistrict: district,
                              household: householdIndex, relation: relation, joined: birth))
        return members.count - 1
    }

    /// Issues ID numbers, sets join days and links, and appends members, marriages and the household.
    mutating func commit(place: Place, into city: inout City, registry: inout IdentityRegistry,
                         places: PlaceDrawing, random: inout CityRandom) {
        let base = city.persons.count
        for index in members.indices {
            var member = members[index]
            if member.relation != .child || member.birth < formed, random.chance(0.3) {
                member.birthDistrict = places.district(&random)
            }
            let issued = registry.issue(region: places.districts[member.birthDistrict].region, birth: member.birth,
                                        sex: member.sex)
            member.id = issued.id
            member.birth = issued.birth
            switch member.relation {
            case .head, .spouse:
                member.joined = formed
            case .child:
                member.joined = max(member.birth + random.int(7...30), formed)
            default:
                member.joined = CityCalendar.draw(&random, from: formed, to: CityCalendar.windowStart - 1)
            }
            if member.mother >= 0 { member.mother += base }
            if member.father >= 0 { member.father += base }
            members[index] = member
        }
        for pair in [couple, elderCouple].compactMap({ $0 }) {
            let marriage = Marriage(husband: base + pair.husband, wife: base + pair.wife, day: pair.day, divorce: nil,
                                    district: district, serial: city.marriages.count)
            members[pair.husband].marriage = city.marriages.count
            members[pair.wife].marriage = city.marriages.count
            city.marriages.append(marriage)
        }
        city.persons.append(contentsOf: members)
        city.households.append(Household(id: HouseholdDraft.number(householdIndex, region: places.districts[district].region),
                                          place: place, formed: formed, head: base + head))
    }

    /// A household number (户号): the district's region code and a 7-digit serial.
    static func number(_ index: Int, region: String) -> String {
        region + String(padded: index + 1, width: 7)
    }
}
