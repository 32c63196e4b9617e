import ShuniuModel

/// `enterprise-registration` (market regulation): establishment, capital changes, moves,
/// new legal representatives, cancellation or revocation.
struct EnterpriseRegistrationComposer: ThemeComposer {
    let themeID = "enterprise-registration"

    func compose(_ city: City, into lines: ThemeLines) {
        for (index, entity) in city.entities.enumerated() where entity.kind == .enterprise {
            var random = city.random(RandomStream("enterprise-record"), index)
            let phone = EntityHistory.phone(&random)
            let industry = BusinessLexicon.industries[entity.industry]
            lines.history(subject: entity.code, index: index) { timeline in
                for (day, event) in EntityHistory.events(of: entity) {
                    let place = entity.place(on: day)
                    let representative = entity.representative(on: day)
                    var row = RowBuilder()
                    row.string("credit_code", entity.code)
                    row.string("name", entity.name)
                    row.string("registration_no", EntityHistory.registrationNumber(entity, index: index, in: city))
                    row.string("organisation_code", entity.organisationCode)
                    row.string("enterprise_type", BusinessLexicon.enterpriseTypeNames[entity.variant])
                    row.string("legal_representative", city.persons[representative].name)
                    row.string("legal_representative_citizen_id", city.persons[representative].id)
                    row.decimal("registered_capital", hundredths: EntityHistory.capital(of: entity, on: day))
                    row.date("established_on", entity.established)
                    switch event {
                    case .ended(.cancelled): row.string("status", "cancelled")
                    case .ended(.revoked): row.string("status", "revoked")
                    default: row.string("status", "operating")
                    }
                    row.string("address", place.address)
                    row.string("district", city.districtID(place))
                    row.string("industry", industry.code)
                    row.string("business_scope", industry.scope)
                    row.string("registration_authority", EntityHistory.registrationAuthority(entity, in: city))
                    row.date("approved_on", day)
                    row.string("contact_phone", phone)
                    timeline.publish(row.row, on: day)
                }
            }
        }
    }
}

/// `sole-trader-registration` (market regulation): registration, moves and cancellation.
struct SoleTraderComposer: ThemeComposer {
    let themeID = "sole-trader-registration"

    func compose(_ city: City, into lines: ThemeLines) {
        for (index, entity) in city.entities.enumerated() where entity.kind == .soleTrader {
            let operatorPerson = city.persons[entity.representative]
            let industry = BusinessLexicon.industries[entity.industry]
            lines.history(subject: entity.code, index: index) { timeline in
                for (day, event) in EntityHistory.events(of: entity) {
                    let place = entity.place(on: day)
                    var row = RowBuilder()
                    row.string("credit_code", entity.code)
                    row.string("name", entity.name.isEmpty ? nil : entity.name)
                    row.string("registration_no", EntityHistory.registrationNumber(entity, index: index, in: city))
                    row.string("operator_name", operatorPerson.name)
                    row.string("operator_citizen_id", operatorPerson.id)
                    row.string("form", entity.variant == 0 ? "individual" : "family")
                    row.string("business_premises", place.address)
                    row.string("district", city.districtID(place))
                    row.string("industry", industry.code)
                    row.string("business_scope", industry.scope)
                    row.date("established_on", entity.established)
                    switch event {
                    case .ended(.cancelled): row.string("status", "cancelled")
                    case .ended(.revoked): row.string("status", "revoked")
                    default: row.string("status", "operating")
                    }
                    row.string("registration_authority", EntityHistory.registrationAuthority(entity, in: city))
                    timeline.publish(row.row, on: day)
                }
            }
        }
    }
}

/// `organisation-code` (market regulation): the organisation code of every entity, government
/// bodies included; cancelled when the entity's registration ends.
struct OrganisationCodeComposer: ThemeComposer {
    let themeID = "organisation-code"

    func compose(_ city: City, into lines: ThemeLines) {
        for (index, entity) in city.entities.enumerated() {
            let name = entity.name.isEmpty ? "个体户" + city.persons[entity.representative].name : entity.name
            func row(on day: Int, status: String) -> Row {
                let place = entity.place(on: day)
                var row = RowBuilder()
                row.string("credit_code", entity.code)
                row.string("organisation_code", entity.organisationCode)
                row.string("name", name)
                row.string("organisation_type", entity.kind.organisationType)
                row.string("legal_representative", EntityHistory.representativeName(of: entity, on: day, in: city))
                row.string("address", place.address)
                row.string("district", city.districtID(place))
                row.date("issued_on", entity.established)
                row.string("status", status)
                return row.row
            }
            lines.history(subject: entity.code, index: index) { timeline in
                timeline.publish(row(on: entity.established, status: "valid"), on: entity.established)
                if let ending = entity.ending {
                    timeline.publish(row(on: ending.day, status: "cancelled"), on: ending.day)
                }
            }
        }
    }
}
