import ShuniuModel

/// `e-licences` (data administration): electronic business licences of enterprises and sole
/// traders active since e-licences began (March 2018), and electronic disability certificates;
/// revoked when the entity closes, expired when a certificate lapses.
struct ELicenceComposer: ThemeComposer {
    let themeID = "e-licences"
    private static let firstDay = CityCalendar.day(2018, 3, 1)

    func compose(_ city: City, into lines: ThemeLines) {
        var serial = 0
        for (index, entity) in city.entities.enumerated() where entity.kind == .enterprise || entity.kind == .soleTrader {
            var random = city.random(RandomStream("e-licence"), index)
            let issued = max(entity.established, Self.firstDay + random.int(0...300))
            guard entity.isActive(on: issued) else { continue }
            serial += 1
            let holder = entity.name.isEmpty ? city.persons[entity.representative].name : entity.name
            let licence = Licence(id: Self.identifier(serial, &random), type: "营业执照", number: entity.code,
                                  holderKind: "legal-entity", citizenID: nil, creditCode: entity.code, holder: holder,
                                  issuer: "market-regulation", issued: issued, validUntil: nil)
            publish(licence, index: serial, ends: entity.ending.map { ($0.day, "revoked") }, deadline: nil, lines: lines)
        }
        for index in city.persons.indices {
            guard let record = DisabilityRecord.of(index, in: city), let issued = record.issues.last,
                  issued >= Self.firstDay else { continue }
            let person = city.persons[index]
            var random = city.random(RandomStream("e-licence"), city.entities.count + index)
            serial += 1
            let validUntil = CityCalendar.adding(years: 10, to: issued)
            let licence = Licence(id: Self.identifier(serial, &random), type: "残疾人证", number: record.number(person),
                                  holderKind: "person", citizenID: person.id, creditCode: nil, holder: person.name,
                                  issuer: "disabled-persons-federation", issued: issued, validUntil: validUntil)
            publish(licence, index: serial, ends: record.lapses ? (validUntil, "expired") : nil, deadline: person.death,
                    lines: lines)
        }
    }

    private struct Licence {
        let id, type, number, holderKind: String
        let citizenID, creditCode: String?
        let holder, issuer: String
        let issued: Int
        let validUntil: Int?
    }

    private func publish(_ licence: Licence, index: Int, ends: (day: Int, status: String)?, deadline: Int?,
                         lines: ThemeLines) {
        let digest = SHA256Digest.hex(SHA256Digest.hash(Array("\(licence.type)|\(licence.number)|\(licence.holder)|\(licence.issued)".utf8)))
        func row(_ status: String) -> Row {
            var row = RowBuilder()
            row.string("licence_id", licence.id)
            row.string("licence_type", licence.type)
            row.string("licence_no", licence.number)
            row.string("holder_kind", licence.holderKind)
            row.string("holder_citizen_id", licence.citizenID)
            row.string("holder_credit_code", licence.creditCode)
            row.string("holder_name", licence.holder)
            row.string("issuer", licence.issuer)
            row.date("issued_on", licence.issued)
            row.date("valid_until", licence.validUntil)
            row.string("status", status)
            row.string("content_sha256", digest)
            return row.row
        }
        lines.history(subject: licence.id, index: index, deadline: deadline) { timeline in
            timeline.publish(row("valid"), on: licence.issued)
            if let ends { timeline.publish(row(ends.status), on: ends.day) }
        }
    }

    /// A licence identifier: `EL-` and 32 hexadecimal digits (the serial in the first eight).
    private static func identifier(_ serial: Int, _ random: inout CityRandom) -> String {
        let hex = Array("0123456789abcdef")
        var text = "EL-" + String(serial, radix: 16).leftPadded(to: 8)
        for _ in 0..<24 { text.append(hex[random.below(16)]) }
        return text
    }
}

extension String {
    /// The string left-padded with zeros to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
