import ShuniuModel

/// A person's relation to the head of the household they are registered in (与户主关系).
enum Relation: String, Sendable {
    case head, spouse, child, parent, grandchild, grandparent, sibling, other
}

/// Highest completed (or, for the young, eventually completed) schooling.
enum EducationLevel: Int, Sendable, Comparable, CaseIterable {
    case none = 0, primary, juniorSecondary, seniorSecondary, vocationalSecondary, juniorCollege, bachelor, master, doctorate

    /// The catalogue value of `education.highest_level`.
    var catalogueValue: String {
        switch self {
        case .none, .primary: "primary"
        case .juniorSecondary: "junior-secondary"
        case .seniorSecondary: "senior-secondary"
        case .vocationalSecondary: "vocational-secondary"
        case .juniorCollege: "junior-college"
        case .bachelor: "bachelor"
        case .master: "master"
        case .doctorate: "doctorate"
        }
    }

    /// The age at which the level is usually completed.
    var graduationAge: Int {
        switch self {
        case .none: 0
        case .primary: 12
        case .juniorSecondary: 15
        case .seniorSecondary, .vocationalSecondary: 18
        case .juniorCollege: 21
        case .bachelor: 22
        case .master: 25
        case .doctorate: 28
        }
    }

    static func < (lhs: EducationLevel, rhs: EducationLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One job: an employer (index into the city's entities) from a start day to an end day.
struct JobSpell: Sendable {
    /// The employer's index in `City.entities`.
    var employer: Int
    /// The first day.
    var start: Int
    /// The day after the last (Int.max while it lasts).
    var end: Int
    /// Monthly wage in CNY.
    var wage: Int
    /// Whether the person registers as unemployed after the spell ends.
    var registersUnemployment: Bool
}

/// A registered resident of the city: one citizen ID, one row in the person library.
struct Person: Sendable {
    /// The 18-character citizen ID number (GB 11643).
    var id: String
    /// The full name.
    var name: String
    /// Sex, as the ID's sequence parity says.
    var sex: Sex
    /// Birth day (as in the ID).
    var birth: Int
    /// The index of the district whose region code the ID carries.
    var birthDistrict: Int
    /// The household registered in at the start (or at birth).
    var household: Int
    /// Relation to the head of that household.
    var relation: Relation
    /// Day the person joined that household (迁入日期).
    var joined: Int
    /// Day of death, if the person dies in the window.
    var death: Int?
    /// Mother's and father's person indexes (-1 when not in the city).
    var mother = -1
    var father = -1
    /// Index into `City.marriages` (-1 when never married in the city).
    var marriage = -1
    /// Widowed before the window (no spouse on record).
    var widowedBefore = false
    /// Later moves to other households, in time order (indexes into `City.relocations`).
    var relocations: [Int] = []
    /// Eventual highest schooling.
    var education = EducationLevel.none
    /// First day of work (for social insurance), if the person ever works.
    var careerStart: Int?
    /// Jobs that overlap the window, in order.
    var jobs: [JobSpell] = []
    /// Works flexibly (灵活就业) rather than for employers.
    var flexible = false
    /// Has a housing-fund account while employed.
    var housingFund = false

    /// The statutory retirement day (60 for men, 55 for women).
    var retirement: Int { CityCalendar.adding(years: sex == .male ? 60 : 55, to: birth) }

    /// Whether the person is alive on a day.
    func isAlive(on day: Int) -> Bool { day >= birth && (death.map { day < $0 } ?? true) }
}

/// A move of a person into another household (after marriage or divorce).
struct Relocation: Sendable {
    /// Who moves.
    var person: Int
    /// When the move is registered.
    var day: Int
    /// The household moved into.
    var household: Int
    /// The relation to that household's head.
    var relation: Relation
}

/// A marriage registered in the city.
struct Marriage: Sendable {
    var husband: Int
    var wife: Int
    /// Registration day.
    var day: Int
    /// Divorce registration day, if any.
    var divorce: Int?
    /// The district whose registry office registered it.
    var district: Int
    /// A serial for certificate numbers.
    var serial: Int

    /// The other spouse.
    func spouse(of person: Int) -> Int { person == husband ? wife : husband }
}
