/// Facts about a death that several themes report alike (death, cremation, household registration).
struct DeathRecord: Sendable {
    let died: Int
    /// The day the household registration is cancelled (注销户口).
    let cancelled: Int
    let place: String
    let cause: String
    let certificate: String
    let district: String
    /// The cremation day, if the body was cremated in the city.
    let cremated: Int?
    let funeralHome: String

    private static let funeralHomes = ["广州市殡仪馆", "广州市银河园殡仪服务中心", "广州市番禺区殡仪馆", "广州市花都区殡仪馆",
                                       "广州市从化区殡仪馆", "广州市增城区殡仪馆"]

    /// The record of a person who dies in the window, or nil.
    static func of(_ index: Int, in city: City) -> DeathRecord? {
        guard let died = city.persons[index].death else { return nil }
        var random = city.random(RandomStream("death-record"), index)
        let age = CityCalendar.age(born: city.persons[index].birth, on: died)
        let place = random.chance(age > 70 ? 0.55 : 0.7) ? "hospital" : random.chance(0.8) ? "home" : "elsewhere"
        let cause = random.chance(age > 60 ? 0.9 : 0.6) ? "disease" : random.chance(0.7) ? "accident" : "other"
        let district = city.districtID(city.place(of: index, on: died))
        let certificate = "Q" + String(CityCalendar.year(died)) + String(padded: (index &* 7_919) % 10_000_000, width: 7)
        return DeathRecord(died: died, cancelled: died + random.int(3...30), place: place, cause: cause,
                           certificate: certificate, district: district,
                           cremated: random.chance(0.96) ? died + random.int(2...10) : nil,
                           funeralHome: random.pick(funeralHomes))
    }
}

/// Births with a Medical Certificate of Birth (出生医学证明, issued since 1996).
enum BirthRecords {
    /// The first day births have certificates.
    static let firstCertificateDay = CityCalendar.day(1996, 1, 1)

    static let hospitals = ["中山大学附属第一医院", "广东省妇幼保健院", "广州市妇女儿童医疗中心", "广东省人民医院", "南方医科大学南方医院",
                            "广州医科大学附属第三医院", "广州市番禺区何贤纪念医院", "广州市花都区妇幼保健院", "广州市白云区妇幼保健院",
                            "广州市增城区人民医院", "广州市红十字会医院", "暨南大学附属第一医院"]

    /// The certificate number: a series letter and nine digits.
    static func certificate(_ index: Int, birth: Int) -> String {
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
        return String(letters[(CityCalendar.year(birth) - 1_996) % letters.count]) + "44"
            + String(padded: (index &* 7_919 &+ 17) % 10_000_000, width: 7)
    }
}
