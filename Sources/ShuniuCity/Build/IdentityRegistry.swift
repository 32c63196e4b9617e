import ShuniuModel

/// Hands out citizen ID numbers that are valid (GB 11643) and unique: for each region and birth
/// day, sequence numbers of the right parity (odd for men) are used in a scrambled order.
struct IdentityRegistry {
    private var issued: [Int: Int] = [:]

    /// A new number for someone born on `birth` in `region` (6 digits) with `sex`.
    /// When all 500 numbers of that day and sex are taken, the next day is used instead;
    /// the returned birth day is the one the number encodes.
    mutating func issue(region: String, birth: Int, sex: Sex) -> (id: String, birth: Int) {
        var day = birth
        let regionNumber = Int(region) ?? 0
        while true {
            let key = (regionNumber * 100_000 + day + 50_000) * 2 + (sex == .male ? 1 : 0)
            let count = issued[key, default: 0]
            if count < 500 {
                issued[key] = count + 1
                let start = (key &* 7_919) % 500
                let slot = (start + count * 3) % 500
                let sequence = slot * 2 + (sex == .male ? 1 : 0)
                let parts = CityCalendar.components(day)
                let id = CitizenID.make(region: region, year: parts.year, month: parts.month, day: parts.day,
                                        sequence: sequence)
                return (id.value, day)
            }
            day += 1
        }
    }
}
