import ShuniuModel

/// `public-institution-registration` (establishment office): public institutions (事业单位).
struct PublicInstitutionComposer: ThemeComposer {
    let themeID = "public-institution-registration"
    private static let funding = ["full-budget", "partial-budget", "self-funded"]
    private static let sponsors = ["教育局", "卫生健康局", "文化广电旅游局", "人力资源和社会保障局"]

    func compose(_ city: City, into lines: ThemeLines) {
        for (index, entity) in city.entities.enumerated() where entity.kind == .publicInstitution {
            var random = city.random(RandomStream("public-institution-record"), index)
            let sponsor = "广州市\(city.districts[entity.place.district].name)\(random.pick(Self.sponsors))"
            func row(on day: Int, status: String) -> Row {
                let place = entity.place(on: day)
                var row = RowBuilder()
                row.string("credit_code", entity.code)
                row.string("name", entity.name)
                row.string("legal_representative", city.persons[entity.representative(on: day)].name)
                row.string("sponsor", sponsor)
                row.string("funding_source", Self.funding[entity.variant])
                row.decimal("start_up_funds", hundredths: entity.capital)
                row.string("purpose_and_scope", "为社会提供公益服务，促进\(entity.name.suffix(4))事业发展")
                row.string("address", place.address)
                row.string("district", city.districtID(place))
                row.date("established_on", entity.established)
                row.string("status", status)
                return row.row
            }
            lines.history(subject: entity.code, index: index) { timeline in
                timeline.publish(row(on: entity.established, status: "active"), on: entity.established)
                if let ending = entity.ending {
                    timeline.publish(row(on: ending.day, status: "cancelled"), on: ending.day)
                }
            }
        }
    }
}

/// `social-organisation-registration` (civil affairs): registration, annual inspection results
/// (a version when the result changes), revocation or cancellation.
struct SocialOrganisationComposer: ThemeComposer {
    let themeID = "social-organisation-registration"
    private static let results = WeightedChoice<String>([("qualified", 85), ("basically-qualified", 10),
                                                         ("unqualified", 3), ("not-inspected", 2)])

    func compose(_ city: City, into lines: ThemeLines) {
        for (index, entity) in city.entities.enumerated() where entity.kind == .socialOrganisation {
            var random = city.random(RandomStream("social-organisation-record"), index)
            let supervisor = random.pick(BusinessLexicon.supervisors)
            func row(on day: Int, status: String, inspection: String?) -> Row {
                let place = entity.place(on: day)
                var row = RowBuilder()
                row.string("credit_code", entity.code)
                row.string("name", entity.name)
                row.string("organisation_type", BusinessLexicon.organisationNames[entity.variant].1)
                row.string("legal_representative", city.persons[entity.representative(on: day)].name)
                row.string("business_supervisor", supervisor)
                row.decimal("registered_funds", hundredths: entity.capital)
                row.string("address", place.address)
                row.string("district", city.districtID(place))
                row.date("established_on", entity.established)
                row.string("status", status)
                row.string("inspection_result", inspection)
                return row.row
            }
            lines.history(subject: entity.code, index: index) { timeline in
                var inspection: String?
                timeline.publish(row(on: entity.established, status: "active", inspection: nil), on: entity.established)
                for year in 2015...2026 {
                    let day = CityCalendar.day(year, 5, 10) + random.int(0...30)
                    let result = Self.results.draw(&random)
                    guard day > entity.established + 365, entity.isActive(on: day), result != inspection else { continue }
                    inspection = result
                    timeline.publish(row(on: day, status: "active", inspection: result), on: day)
                }
                if let ending = entity.ending {
                    let status = ending.kind == .revoked ? "revoked" : "cancelled"
                    timeline.publish(row(on: ending.day, status: status, inspection: inspection), on: ending.day)
                }
            }
        }
    }
}
