import ShuniuModel

/// `tax-registration` (tax): taxpayer registration of enterprises, sole traders, public
/// institutions and social organisations; yearly credit grades (published each April);
/// `abnormal` before a revocation, `cancelled` before a cancellation.
struct TaxRegistrationComposer: ThemeComposer {
    let themeID = "tax-registration"
    private static let grades = WeightedChoice<String>([("A", 15), ("B", 60), ("M", 10), ("C", 10), ("D", 5)])

    func compose(_ city: City, into lines: ThemeLines) {
        for (index, entity) in city.entities.enumerated() where entity.kind != .governmentBody {
            var random = city.random(RandomStream("tax-registration-record"), index)
            let registered = entity.established + random.int(5...30)
            let name = entity.name.isEmpty ? city.persons[entity.representative].name : entity.name
            let general = entity.size >= 6 && random.chance(0.6)
            func row(on day: Int, status: String, grade: String) -> Row {
                var row = RowBuilder()
                row.string("credit_code", entity.code)
                row.string("tax_id", entity.code)
                row.string("taxpayer_name", name)
                row.string("legal_representative", EntityHistory.representativeName(of: entity, on: day, in: city))
                row.string("taxpayer_type", general ? "general-vat-taxpayer" : "small-scale-taxpayer")
                row.string("taxpayer_status", status)
                row.string("credit_grade", grade)
                row.date("registered_on", registered)
                let place = entity.place(on: day)
                row.string("tax_authority", "国家税务总局广州市\(city.districts[place.district].name)税务局")
                row.string("district", city.districtID(place))
                return row.row
            }
            let stop = entity.ending.map { $0.day - random.int(10...40) } ?? Int.max
            lines.history(subject: entity.code, index: index) { timeline in
                var grade = "M"
                timeline.publish(row(on: registered, status: "normal", grade: grade), on: registered)
                for year in 2015...2026 {
                    let day = CityCalendar.day(year, 4, 1) + random.int(0...20)
                    guard day < stop, day > registered + 365 else { continue }
                    let next = Self.grades.draw(&random)
                    guard next != grade, random.chance(0.4) else { continue }
                    grade = next
                    timeline.publish(row(on: day, status: "normal", grade: grade), on: day)
                }
                if let ending = entity.ending, stop > registered {
                    let status = ending.kind == .revoked ? "abnormal" : "cancelled"
                    timeline.publish(row(on: stop, status: status, grade: ending.kind == .revoked ? "D" : grade), on: stop)
                }
            }
        }
        for (serial, taxpayer) in city.injections.unknownTaxpayers.enumerated() {
            var row = RowBuilder()
            row.string("credit_code", taxpayer.code)
            row.string("tax_id", taxpayer.code)
            row.string("taxpayer_name", taxpayer.name)
            row.string("taxpayer_type", "small-scale-taxpayer")
            row.string("taxpayer_status", "normal")
            row.string("credit_grade", "M")
            row.date("registered_on", taxpayer.day)
            row.string("tax_authority", "国家税务总局广州市\(city.districts[taxpayer.district].name)税务局")
            row.string("district", city.districts[taxpayer.district].id)
            lines.history(subject: taxpayer.code, index: city.entities.count + serial) { $0.publish(row.row, on: taxpayer.day) }
        }
    }
}
