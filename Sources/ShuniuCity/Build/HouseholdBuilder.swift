import ShuniuModel

/// Builds the households registered before or during the window and the persons in them.
///
/// Couples in these households married before the window; people marry in the window only
/// through ``LifeEventBuilder``. Children may be born in the window, into their parents' household.
struct HouseholdBuilder {
    private let places: PlaceDrawing
    private var random: CityRandom
    private let end = CityCalendar.windowEnd
    private let start = CityCalendar.windowStart

    init(places: PlaceDrawing, seed: UInt64) {
        self.places = places
        random = CityRandom(seed: seed, stream: .households, index: 0)
    }

    private enum Shape: CaseIterable { case single, youngSingle, couple, nuclear, singleParent, threeGenerations }

    /// Adds households until the city has `count` persons.
    mutating func build(_ count: Int, into city: inout City, registry: inout IdentityRegistry) {
        let shapes = WeightedChoice<Shape>([(.single, 18), (.youngSingle, 10), (.couple, 17), (.nuclear, 35),
                                            (.singleParent, 6), (.threeGenerations, 14)])
        city.persons.reserveCapacity(count)
        while city.persons.count < count {
            let remaining = count - city.persons.count
            var shape = shapes.draw(&random)
            if remaining < 8 { shape = remaining == 1 ? .single : .couple }
            addHousehold(shape, into: &city, registry: &registry)
        }
    }

    /// A birth day for someone aged between `low` and `high` at the end of the window.
    private mutating func born(aged low: Int, _ high: Int) -> Int {
        let latest = CityCalendar.adding(years: -low, to: end)
        let earliest = CityCalendar.adding(years: -(high + 1), to: end) + 1
        return CityCalendar.draw(&random, from: earliest, to: latest)
    }

    private mutating func addHousehold(_ shape: Shape, into city: inout City, registry: inout IdentityRegistry) {
        let householdIndex = city.households.count
        let district = places.district(&random)
        let place = places.home(in: district, &random)
        var draft = HouseholdDraft(householdIndex: householdIndex, district: district)
        switch shape {
        case .single:
            let sex: Sex = random.chance(0.5) ? .male : .female
            let head = draft.add(sex: sex, birth: born(aged: 30, 90), surname: nil, relation: .head, random: &random)
            draft.members[head].widowedBefore = CityCalendar.age(born: draft.members[head].birth, on: start) >= 68
                && random.chance(0.6)
            draft.formed = CityCalendar.draw(&random, from: CityCalendar.adding(years: 18, to: draft.members[head].birth),
                                             to: start - 1)
        case .youngSingle:
            let sex: Sex = random.chance(0.5) ? .male : .female
            let head = draft.add(sex: sex, birth: born(aged: 22, 34), surname: nil, relation: .head, random: &random)
            let adult = CityCalendar.adding(years: 18, to: draft.members[head].birth)
            draft.formed = CityCalendar.draw(&random, from: max(adult, start + 30), to: end - 60)
        case .couple:
            addCouple(&draft, headAge: (35, 88))
        case .nuclear:
            addCouple(&draft, headAge: (35, 60))
            addChildren(&draft, count: childCount())
        case .singleParent:
            let sex: Sex = random.chance(0.75) ? .female : .male
            let head = draft.add(sex: sex, birth: born(aged: 30, 60), surname: nil, relation: .head, random: &random)
            draft.members[head].widowedBefore = random.chance(0.3)
            draft.singleParent = head
            addChildren(&draft, count: random.chance(0.7) ? 1 : 2)
            let firstChild = draft.members.dropFirst().map(\.birth).min() ?? start - 1
            draft.formed = CityCalendar.draw(&random, from: CityCalendar.adding(years: 18, to: draft.members[head].birth),
                                             to: min(firstChild, start - 1))
        case .threeGenerations:
            addCouple(&draft, headAge: (36, 55))
            addChildren(&draft, count: childCount())
            addElderlyParents(&draft)
        }
        draft.commit(place: place, into: &city, registry: &registry, places: places, random: &random)
    }

    private mutating func childCount() -> Int {
        let roll = random.unit()
        return roll < 0.45 ? 1 : roll < 0.9 ? 2 : 3
    }

    private mutating func addCouple(_ draft: inout HouseholdDraft, headAge: (Int, Int)) {
        let headIsHusband = random.chance(0.75)
        let husbandBirth: Int
        let wifeBirth: Int
        if headIsHusband {
            husbandBirth = born(aged: headAge.0, headAge.1)
            wifeBirth = husbandBirth + random.int(0...(5 * 365))
        } else {
            wifeBirth = born(aged: headAge.0, headAge.1)
            husbandBirth = wifeBirth - random.int(0...(5 * 365))
        }
        let husband = draft.add(sex: .male, birth: husbandBirth, surname: nil,
                                relation: headIsHusband ? .head : .spouse, random: &random)
        let wife = draft.add(sex: .female, birth: wifeBirth, surname: nil,
                             relation: headIsHusband ? .spouse : .head, random: &random)
        draft.head = headIsHusband ? husband : wife
        let earliest = max(CityCalendar.adding(years: 22, to: husbandBirth), CityCalendar.adding(years: 20, to: wifeBirth))
        let latest = min(start - 60, earliest + 8 * 365)
        let day = CityCalendar.draw(&random, from: earliest, to: latest)
        draft.couple = (husband, wife, day)
        draft.formed = min(day + random.int(0...200), start - 30)
    }

    private mutating func addChildren(_ draft: inout HouseholdDraft, count: Int) {
        let mother = draft.couple?.wife ?? (draft.singleParent.map { draft.members[$0].sex == .female ? $0 : -1 } ?? -1)
        let father = draft.couple?.husband ?? (draft.singleParent.map { draft.members[$0].sex == .male ? $0 : -1 } ?? -1)
        let parent = mother >= 0 ? mother : father
        let parentBirth = draft.members[parent].birth
        var earliest = CityCalendar.adding(years: mother >= 0 ? 22 : 24, to: parentBirth)
        if let couple = draft.couple { earliest = max(earliest, couple.day + 300) }
        let latest = min(CityCalendar.adding(years: mother >= 0 ? 42 : 45, to: parentBirth), end - 45)
        guard earliest < latest else { return }
        var births = (0..<count).map { _ in CityCalendar.draw(&random, from: earliest, to: latest) }
        births.sort()
        let surname = PersonNames.surname(of: draft.members[father >= 0 ? father : parent].name)
        for birth in births {
            let sex: Sex = random.chance(0.52) ? .male : .female
            let child = draft.add(sex: sex, birth: birth, surname: surname, relation: .child, random: &random)
            draft.members[child].mother = mother
            draft.members[child].father = father
        }
    }

    private mutating func addElderlyParents(_ draft: inout HouseholdDraft) {
        let head = draft.head
        let headBirth = draft.members[head].birth
        let fatherBirth = max(headBirth - random.int((24 * 365)...(34 * 365)), CityCalendar.adding(years: -96, to: end))
        let motherBirth = fatherBirth + random.int(0...(2 * 365))
        let both = random.chance(0.55)
        let headSurname = PersonNames.surname(of: draft.members[head].name)
        var father = -1
        if both || random.chance(0.4) {
            father = draft.add(sex: .male, birth: fatherBirth, surname: headSurname, relation: .parent, random: &random)
        }
        var mother = -1
        if both || father < 0 {
            mother = draft.add(sex: .female, birth: motherBirth, surname: nil, relation: .parent, random: &random)
        }
        if father >= 0, mother >= 0 {
            let earliest = max(CityCalendar.adding(years: 22, to: fatherBirth), CityCalendar.adding(years: 20, to: motherBirth))
            draft.elderCouple = (father, mother, min(earliest + random.int(0...(3 * 365)), headBirth - 200))
        } else {
            draft.members[max(father, mother)].widowedBefore = true
        }
        draft.members[head].father = father
        draft.members[head].mother = mother
    }
}
