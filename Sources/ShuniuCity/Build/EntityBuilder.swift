import ShuniuModel

/// Builds the legal entities: enterprises, sole traders, public institutions, social
/// organisations, and the government bodies that decide licences and penalties.
struct EntityBuilder {
    private let places: PlaceDrawing
    private var random: CityRandom
    private var names = Set<String>()
    private let start = CityCalendar.windowStart
    private let end = CityCalendar.windowEnd

    init(places: PlaceDrawing, seed: UInt64) {
        self.places = places
        random = CityRandom(seed: seed, stream: .entities, index: 0)
    }

    mutating func build(_ count: Int, into city: inout City, mint: inout CreditCodeMint) {
        let people = city.persons.indices.filter {
            city.persons[$0].death == nil && CityCalendar.age(born: city.persons[$0].birth, on: end) >= 28
        }
        let enterprises = count * 70 / 100
        let soleTraders = count * 20 / 100
        let institutions = count * 5 / 100
        for index in 0..<(people.isEmpty ? 0 : count) {
            let kind: EntityKind = index < enterprises ? .enterprise
                : index < enterprises + soleTraders ? .soleTrader
                : index < enterprises + soleTraders + institutions ? .publicInstitution : .socialOrganisation
            city.entities.append(entity(kind, people: people, city: city, mint: &mint))
        }
        for name in BusinessLexicon.authorities {
            let code = mint.next(authority: "1", kind: "1", region: "440100", unified: false)
            city.entities.append(LegalEntity(kind: .governmentBody, code: code, name: name, representative: -1,
                                             place: places.premises(in: 0, &random), established: CityCalendar.day(1990, 1, 1),
                                             capital: 0, industry: 0, variant: 0, size: 0))
        }
    }

    private mutating func entity(_ kind: EntityKind, people: [Int], city: City, mint: inout CreditCodeMint) -> LegalEntity {
        let district = places.district(&random)
        let representative = random.pick(people)
        let established = max(establishment(kind), CityCalendar.adding(years: 25, to: city.persons[representative].birth))
        let region = places.districts[district].region
        let unified = established >= CreditCodeMint.unifiedCodeDay
        let industry = random.below(BusinessLexicon.industries.count)
        var entity: LegalEntity
        switch kind {
        case .enterprise:
            let type = BusinessLexicon.enterpriseTypes.draw(&random)
            let sizeRoll = random.unit()
            let size = sizeRoll < 0.6 ? 1 : sizeRoll < 0.9 ? 6 : sizeRoll < 0.98 ? 40 : 250
            let capital = size == 1 ? random.int(3...100) : size == 6 ? random.int(50...1_000)
                : size == 40 ? random.int(500...5_000) : random.int(5_000...100_000)
            let name = uniqueName { me in
                "广州\(String(me.random.pick(BusinessLexicon.tradeNames)))\(String(me.random.pick(BusinessLexicon.tradeNames)))"
                    + BusinessLexicon.industries[industry].word + BusinessLexicon.enterpriseSuffixes[type]
            }
            entity = LegalEntity(kind: kind, code: mint.next(authority: "9", kind: "1", region: region, unified: unified),
                                 name: name, representative: representative, place: places.premises(in: district, &random),
                                 established: established, capital: capital * 100, industry: industry, variant: type, size: size)
        case .soleTrader:
            let surname = PersonNames.surname(of: city.persons[representative].name)
            let name = random.chance(0.15) ? "" : uniqueName { me in
                "广州市\(me.places.districts[district].name)\(surname)记\(BusinessLexicon.industries[industry].shop)"
            }
            entity = LegalEntity(kind: kind, code: mint.next(authority: "9", kind: "2", region: region, unified: unified),
                                 name: name, representative: representative, place: places.premises(in: district, &random),
                                 established: established, capital: 0, industry: industry, variant: random.chance(0.8) ? 0 : 1,
                                 size: 0)
        case .publicInstitution:
            let name = uniqueName { me in
                "广州市\(me.places.districts[district].name)\(me.random.pick(BusinessLexicon.institutionNames))"
            }
            entity = LegalEntity(kind: kind, code: mint.next(authority: "1", kind: "2", region: region, unified: unified),
                                 name: name, representative: representative, place: places.premises(in: district, &random),
                                 established: established, capital: random.int(50...5_000) * 100, industry: industry,
                                 variant: random.below(3), size: random.chance(0.3) ? 80 : 30)
        case .socialOrganisation, .governmentBody:
            let variant = random.below(BusinessLexicon.organisationNames.count)
            let type = BusinessLexicon.organisationNames[variant].1
            let name = uniqueName { me in
                "广州市\(me.random.chance(0.5) ? me.places.districts[district].name : "")\(BusinessLexicon.organisationNames[variant].0)"
            }
            let kindCharacter: Character = type == "social-group" ? "1" : type == "foundation" ? "3" : "2"
            entity = LegalEntity(kind: .socialOrganisation,
                                 code: mint.next(authority: "5", kind: kindCharacter, region: region, unified: unified),
                                 name: name, representative: representative, place: places.premises(in: district, &random),
                                 established: established, capital: random.int(3...2_000) * 100, industry: industry,
                                 variant: variant, size: 1)
        }
        addHistory(&entity, people: people, city: city)
        return entity
    }

    /// The establishment day of a new entity of a kind.
    private mutating func establishment(_ kind: EntityKind) -> Int {
        let roll = random.unit()
        switch kind {
        case .enterprise:
            return roll < 0.15 ? draw(1992, 2004) : roll < 0.5 ? draw(2005, 2014) : CityCalendar.draw(&random, from: start, to: end - 30)
        case .soleTrader:
            return roll < 0.1 ? draw(2000, 2009) : roll < 0.4 ? draw(2010, 2014) : CityCalendar.draw(&random, from: start, to: end - 30)
        case .publicInstitution, .governmentBody:
            return draw(1950, 2012)
        case .socialOrganisation:
            return roll < 0.6 ? draw(1995, 2014) : CityCalendar.draw(&random, from: start, to: end - 30)
        }
    }

    private mutating func draw(_ first: Int, _ last: Int) -> Int {
        CityCalendar.draw(&random, from: CityCalendar.day(first, 1, 1), to: CityCalendar.day(last, 12, 31))
    }

    /// Endings and changes in the window.
    private mutating func addHistory(_ entity: inout LegalEntity, people: [Int], city: City) {
        let (endChance, revokeChance): (Double, Double) = switch entity.kind {
        case .enterprise: (0.12, 0.02)
        case .soleTrader: (0.18, 0.02)
        case .publicInstitution: (0.02, 0)
        case .socialOrganisation: (0.04, 0.01)
        case .governmentBody: (0, 0)
        }
        let earliest = max(entity.established + 365, start + 30)
        if earliest < end - 30, random.chance(endChance) {
            let kind: EntityEnding = random.chance(revokeChance / endChance) ? .revoked : .cancelled
            entity.ending = (CityCalendar.draw(&random, from: earliest, to: end - 30), kind)
        }
        let first = max(entity.established + 180, start + 30)
        let last = min((entity.ending?.day ?? end) - 60, end - 30)
        guard first < last else { return }
        if entity.kind == .enterprise, random.chance(0.1) {
            entity.capitalChange = (CityCalendar.draw(&random, from: first, to: last), entity.capital * random.int(2...5))
        }
        if entity.kind == .enterprise || entity.kind == .soleTrader, random.chance(0.06) {
            let district = places.district(&random)
            entity.relocation = (CityCalendar.draw(&random, from: first, to: last), places.premises(in: district, &random))
        }
        if entity.kind == .enterprise, random.chance(0.05) {
            let person = random.pick(people)
            let day = CityCalendar.draw(&random, from: first, to: last)
            if person != entity.representative, CityCalendar.adding(years: 25, to: city.persons[person].birth) < day {
                entity.representativeChange = (day, person)
            }
        }
    }

    /// A name not used before (retrying, then numbering).
    private mutating func uniqueName(_ make: (inout EntityBuilder) -> String) -> String {
        var name = make(&self)
        var attempt = 1
        while names.contains(name) {
            name = attempt < 4 ? make(&self) : make(&self) + "（\(attempt)）"
            attempt += 1
        }
        names.insert(name)
        return name
    }
}
