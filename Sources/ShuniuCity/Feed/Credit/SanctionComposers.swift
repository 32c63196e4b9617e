import ShuniuModel

/// `administrative-penalties` (justice): penalty decisions against entities and some persons,
/// one line each, dated while the party exists.
struct PenaltyComposer: ThemeComposer {
    let themeID = "administrative-penalties"
    private static let violations: [(String, String, String)] = [
        ("未取得许可从事经营活动", "《中华人民共和国行政许可法》第八十一条", "fine"),
        ("销售不符合食品安全标准的食品", "《中华人民共和国食品安全法》第一百二十四条", "confiscation"),
        ("未按规定公示年度报告", "《企业信息公示暂行条例》第十八条", "warning"),
        ("发布虚假广告", "《中华人民共和国广告法》第五十五条", "fine"),
        ("违反消防安全规定", "《中华人民共和国消防法》第六十条", "fine"),
        ("超标排放大气污染物", "《中华人民共和国大气污染防治法》第九十九条", "suspension"),
        ("未依法缴纳社会保险费", "《中华人民共和国社会保险法》第八十六条", "fine"),
    ]

    func compose(_ city: City, into lines: ThemeLines) {
        let authorities = CreditParty.authorities(in: city)
        guard !authorities.isEmpty else { return }
        var parties: [(party: CreditParty, index: Int, chance: Double)] = []
        for index in city.entities.indices {
            let kind = city.entities[index].kind
            guard kind == .enterprise || kind == .soleTrader else { continue }
            parties.append((CreditParty.entity(index, in: city), index, kind == .enterprise ? 0.08 : 0.05))
        }
        for index in city.persons.indices {
            parties.append((CreditParty.person(index, in: city), city.entities.count + index, 0.003))
        }
        var serial = 0
        for (party, index, chance) in parties {
            var random = city.random(RandomStream("penalty"), index)
            guard random.chance(chance), party.from < party.until - 10 else { continue }
            serial += 1
            let decided = CityCalendar.draw(&random, from: party.from, to: party.until - 10)
            let authority = city.entities[random.pick(authorities)]
            let (violation, basis, type) = random.pick(Self.violations)
            let number = "穗执罚〔\(CityCalendar.year(decided))〕\(String(padded: serial, width: 6))号"
            var row = RowBuilder()
            row.string("decision_no", number)
            row.string("case_name", "\(party.publishedName)\(violation)案")
            row.string("offender_kind", party.kind)
            row.string("offender_name", party.publishedName)
            row.string("offender_credit_code", party.creditCode)
            row.string("offender_citizen_id", party.citizenID)
            row.string("legal_representative", party.kind == "legal-entity" ? party.representative : nil)
            row.string("violation", violation)
            row.string("legal_basis", basis)
            row.string("penalty_type", type)
            row.decimal("fine_amount", hundredths: type == "warning" ? nil : random.int(5...2_000) * 10_000)
            row.decimal("confiscated_amount", hundredths: type == "confiscation" ? random.int(1...500) * 10_000 : nil)
            row.date("decided_on", decided)
            row.string("authority_name", authority.name)
            row.string("authority_credit_code", authority.code)
            row.date("publicity_until", type == "warning" ? decided + 90 : CityCalendar.adding(years: 3, to: decided))
            row.string("district", party.district)
            lines.history(subject: number, index: serial) { $0.publish(row.row, on: decided + random.int(0...7)) }
        }
    }
}

/// `court-dishonest-debtors` (courts): debtors listed for not performing judgments; some are
/// removed after performing. Lines about a debtor stop before their death or closure.
struct CourtDebtorComposer: ThemeComposer {
    let themeID = "court-dishonest-debtors"
    private static let behaviours = ["有履行能力而拒不履行生效法律文书确定义务", "以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行",
                                     "违反财产报告制度", "违反限制消费令"]

    func compose(_ city: City, into lines: ThemeLines) {
        var serial = 0
        for index in 0..<(city.entities.count + city.persons.count) {
            let isEntity = index < city.entities.count
            if isEntity, ![.enterprise, .soleTrader].contains(city.entities[index].kind) { continue }
            var random = city.random(RandomStream("court-debtor"), index)
            guard random.chance(isEntity ? 0.02 : 0.003) else { continue }
            let party = isEntity ? CreditParty.entity(index, in: city) : CreditParty.person(index - city.entities.count, in: city)
            guard party.from < party.until - 30 else { continue }
            serial += 1
            let listed = CityCalendar.draw(&random, from: party.from, to: party.until - 30)
            let removed = random.chance(0.4) ? listed + random.int(60...900) : nil
            let year = CityCalendar.year(listed)
            let district = city.districts.first { $0.id == party.district } ?? city.districts[0]
            let court = random.chance(0.8) ? "广州市\(district.name)人民法院" : "广州市中级人民法院"
            let courtCode = court.hasPrefix("广州市中级") ? "粤01" : "粤" + String(district.region.suffix(4))
            let number = "GZ\(year)\(String(padded: serial, width: 7))"
            let caseNumber = "（\(year)）\(courtCode)执\(random.int(100...9_999))号"
            let basis = "（\(year - 1)）\(courtCode)民初\(random.int(100...19_999))号"
            let obligation = "支付款项人民币\(random.int(1...500) * 1_000)元及利息"
            let behaviour = random.pick(Self.behaviours)
            func row(_ status: String, removedOn: Int?) -> Row {
                var row = RowBuilder()
                row.string("record_no", number)
                row.string("debtor_kind", party.kind == "person" ? "person" : "legal-entity")
                row.string("debtor_name", party.name)
                row.string("debtor_citizen_id", party.citizenID)
                row.string("debtor_credit_code", party.creditCode)
                row.string("legal_representative", party.representative)
                row.string("case_no", caseNumber)
                row.string("basis_document_no", basis)
                row.string("court_name", court)
                row.string("obligation", obligation)
                row.string("performance", "not-performed")
                row.string("dishonest_behaviour", behaviour)
                row.date("listed_on", listed)
                row.date("removed_on", removedOn)
                row.string("status", status)
                row.string("district", party.district)
                return row.row
            }
            lines.history(subject: number, index: serial, deadline: party.until + 1) { timeline in
                timeline.publish(row("listed", removedOn: nil), on: listed)
                if let removed { timeline.publish(row("removed", removedOn: removed), on: removed) }
            }
        }
    }
}
