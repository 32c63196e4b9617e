import ShuniuModel

/// `administrative-licences` (data administration): licences to entities and some persons;
/// valid five years, then renewed (a new decision) or expired; cancelled when the holder closes.
struct LicenceComposer: ThemeComposer {
    let themeID = "administrative-licences"

    /// Licence names by industry index, for entities.
    private static func licenceName(industry: Int) -> (String, String) {
        switch BusinessLexicon.industries[industry].code {
        case "H6210", "F5223": ("食品经营许可证", "general")
        case "C2720": ("药品经营许可证", "special")
        case "G5430": ("道路运输经营许可证", "general")
        case "E4710": ("建筑业企业资质证书", "recognition")
        case "L7243": ("人力资源服务许可证", "general")
        case "R8870": ("出版物经营许可证", "approval")
        default: ("公共场所卫生许可证", "general")
        }
    }

    func compose(_ city: City, into lines: ThemeLines) {
        let authorities = CreditParty.authorities(in: city)
        guard !authorities.isEmpty else { return }
        var serial = 0
        for index in city.entities.indices {
            let entity = city.entities[index]
            guard entity.kind == .enterprise || entity.kind == .soleTrader else { continue }
            var random = city.random(RandomStream("licence"), index)
            guard random.chance(entity.kind == .enterprise ? 0.6 : 0.4) else { continue }
            let (name, type) = Self.licenceName(industry: entity.industry)
            let party = CreditParty.entity(index, in: city)
            var decided = max(entity.established + random.int(20...120), CityCalendar.windowStart - 2_000)
            while decided <= party.until {
                let authority = city.entities[random.pick(authorities)]
                serial += 1
                let validUntil = CityCalendar.adding(years: 5, to: decided) - 1
                let number = "穗许〔\(CityCalendar.year(decided))〕\(String(padded: serial, width: 6))号"
                publish(number, serial: serial, party: party, licence: (name, type), decided: decided, validUntil: validUntil,
                        authority: authority, city: city, lines: lines)
                guard random.chance(0.8) else { break }
                decided = validUntil + 1 - random.int(0...30)
            }
        }
        for index in city.persons.indices {
            var random = city.random(RandomStream("person-licence"), index)
            guard random.chance(0.003) else { continue }
            let party = CreditParty.person(index, in: city)
            guard party.from < party.until - 30 else { continue }
            serial += 1
            let decided = CityCalendar.draw(&random, from: party.from, to: party.until - 30)
            let number = "穗人社许〔\(CityCalendar.year(decided))〕\(String(padded: serial, width: 6))号"
            publish(number, serial: serial, party: party, licence: ("职业技能等级认定证书", "recognition"), decided: decided,
                    validUntil: CityCalendar.adding(years: 5, to: decided) - 1, authority: city.entities[random.pick(authorities)],
                    city: city, lines: lines)
        }
    }

    private func publish(_ number: String, serial: Int, party: CreditParty, licence: (String, String), decided: Int,
                         validUntil: Int, authority: LegalEntity, city: City, lines: ThemeLines) {
        func row(_ status: String) -> Row {
            var row = RowBuilder()
            row.string("decision_no", number)
            row.string("licence_name", licence.0)
            row.string("licence_type", licence.1)
            row.string("content", "准予\(licence.0)事项")
            row.string("holder_kind", party.kind)
            row.string("holder_name", party.publishedName)
            row.string("holder_credit_code", party.creditCode)
            row.string("holder_citizen_id", party.citizenID)
            row.date("decided_on", decided)
            row.date("valid_from", decided)
            row.date("valid_until", validUntil)
            row.string("authority_name", authority.name)
            row.string("authority_credit_code", authority.code)
            row.string("status", status)
            row.string("district", party.district)
            return row.row
        }
        let closes = party.kind != "person" && party.until < CityCalendar.windowEnd ? party.until + 1 : nil
        lines.history(subject: number, index: serial, deadline: party.kind == "person" ? party.until + 1 : nil) { timeline in
            timeline.publish(row("valid"), on: decided)
            if let closes, closes <= validUntil {
                timeline.publish(row("cancelled"), on: closes)
            } else {
                timeline.publish(row("expired"), on: validUntil + 1)
            }
        }
    }
}
