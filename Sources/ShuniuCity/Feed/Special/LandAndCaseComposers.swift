import ShuniuModel

/// `land-transfers` (natural resources): land-use right contracts signed with enterprises,
/// then partly paid, paid, or terminated.
struct LandTransferComposer: ThemeComposer {
    let themeID = "land-transfers"
    private static let uses = ["residential", "commercial", "industrial", "mixed", "public-facility", "other"]
    private static let methods = ["tender", "auction", "listing", "listing", "agreement"]

    func compose(_ city: City, into lines: ThemeLines) {
        let buyers = city.entities.indices.filter {
            city.entities[$0].kind == .enterprise && city.entities[$0].ending == nil && city.entities[$0].size >= 6
        }
        guard !buyers.isEmpty else { return }
        let places = PlaceDrawing(districts: city.districts)
        for index in 0..<max(1, city.entities.count / 40) {
            var random = city.random(RandomStream("land-transfer"), index)
            let buyer = city.entities[random.pick(buyers)]
            let signed = CityCalendar.draw(&random, from: max(buyer.established + 60, CityCalendar.windowStart),
                                           to: CityCalendar.windowEnd - 60)
            let district = places.district(&random)
            let year = CityCalendar.year(signed)
            let contract = "440100-\(year)-\(String(padded: index + 1, width: 5))"
            let parcel = city.districts[district].region + "-GZ-\(year)-\(String(padded: random.below(10_000), width: 4))"
            let location = places.premises(in: district, &random).address.split(separator: "号", maxSplits: 1).first.map { String($0) + "号以东地块" }
            let area = random.int(500_000...12_000_000)
            let price = area / 100 * random.int(3...60) / 10
            let due = CityCalendar.adding(years: 1, to: signed)
            var events: [(Int, String, Int)] = [(signed, "signed", price / 2)]
            if random.chance(0.05) {
                events.append((signed + random.int(60...300), "terminated", price / 2))
            } else {
                events.append((signed + random.int(30...180), "partly-paid", price * 7 / 10))
                events.append((due - random.int(0...30), "paid", price))
            }
            lines.history(subject: contract, index: index) { timeline in
                for (day, status, paid) in events {
                    var row = RowBuilder()
                    row.string("contract_no", contract)
                    row.string("parcel_no", parcel)
                    row.string("location", location)
                    row.string("district", city.districts[district].id)
                    row.string("land_use", Self.uses[index % Self.uses.count])
                    row.decimal("area", hundredths: area)
                    row.string("transfer_method", Self.methods[index % Self.methods.count])
                    row.string("transferee_name", buyer.name)
                    row.string("transferee_credit_code", buyer.code)
                    row.decimal("price", hundredths: price * 100)
                    row.date("signed_on", signed)
                    row.decimal("paid_amount", hundredths: paid * 100)
                    row.date("payment_due_on", due)
                    row.string("status", status)
                    guard timeline.publish(row.row, on: day) else { break }
                }
            }
        }
    }
}

/// `criminal-cases` (public security, not shared): cases filed, investigated, transferred
/// for prosecution or closed.
struct CriminalCaseComposer: ThemeComposer {
    let themeID = "criminal-cases"
    private static let types = ["盗窃案", "诈骗案", "故意伤害案", "抢夺案", "非法吸收公众存款案", "危险驾驶案", "贩卖毒品案", "寻衅滋事案"]

    func compose(_ city: City, into lines: ThemeLines) {
        let places = PlaceDrawing(districts: city.districts)
        for index in 0..<max(1, city.persons.count / 400) {
            var random = city.random(RandomStream("criminal-case"), index)
            let district = places.district(&random)
            let filed = CityCalendar.draw(&random, from: CityCalendar.windowStart, to: CityCalendar.windowEnd - 30)
            let number = "A" + city.districts[district].region + String(CityCalendar.year(filed))
                + String(padded: index + 1, width: 8)
            let type = random.pick(Self.types)
            let last = random.chance(0.6) ? "transferred-for-prosecution" : "closed"
            let events = [(filed, "filed"), (filed + random.int(1...20), "under-investigation"),
                          (filed + random.int(60...400), last)]
            lines.history(subject: number, index: index) { timeline in
                for (day, status) in events {
                    var row = RowBuilder()
                    row.string("case_no", number)
                    row.string("case_type", type)
                    row.date("filed_on", filed)
                    row.string("status", status)
                    row.string("district", city.districts[district].id)
                    guard timeline.publish(row.row, on: day) else { break }
                }
            }
        }
    }
}
