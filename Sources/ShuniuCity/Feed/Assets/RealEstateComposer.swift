import ShuniuModel

/// `real-estate` (natural resources): one subject per property unit; a version for each owner
/// (purchase, resale, inheritance) and for the release of a mortgage. No line names a
/// person as owner after their death.
struct RealEstateComposer: ThemeComposer {
    let themeID = "real-estate"

    func compose(_ city: City, into lines: ThemeLines) {
        for (index, property) in city.properties.enumerated() {
            func row(_ owner: PropertyOwnership, mortgaged: Bool) -> Row {
                var row = RowBuilder()
                row.string("property_unit_no", property.unit)
                let year = CityCalendar.year(owner.registered)
                row.string("certificate_no", "粤（\(year)）广州市不动产权第\(String(padded: owner.certificateSerial, width: 7))号")
                if owner.entity >= 0 {
                    let entity = city.entities[owner.entity]
                    row.string("owner_kind", "legal-entity")
                    row.string("owner_credit_code", entity.code)
                    row.string("owner_name", entity.name)
                    row.string("co_ownership", "sole")
                } else {
                    row.string("owner_kind", "person")
                    row.string("owner_citizen_id", city.persons[owner.person].id)
                    row.string("owner_name", city.persons[owner.person].name)
                    row.string("co_ownership", owner.coOwner >= 0 ? "joint" : "sole")
                    row.string("co_owner_citizen_id", owner.coOwner >= 0 ? city.persons[owner.coOwner].id : nil)
                }
                row.string("address", property.place.address)
                row.string("district", city.districtID(property.place))
                row.string("usage", property.usage)
                row.decimal("floor_area", hundredths: property.area)
                row.string("acquisition", owner.acquisition)
                row.decimal("transaction_price", hundredths: owner.acquisition == "inheritance" ? nil : owner.price * 100)
                row.date("registered_on", owner.registered)
                row.boolean("mortgaged", mortgaged)
                row.boolean("sealed_up", false)
                row.string("status", "valid")
                return row.row
            }
            lines.history(subject: property.unit, index: index) { timeline in
                for (position, owner) in property.owners.enumerated() {
                    let next = position + 1 < property.owners.count ? property.owners[position + 1].registered : Int.max
                    let mortgaged = position == 0 && property.mortgaged
                    timeline.publish(row(owner, mortgaged: mortgaged), on: owner.registered)
                    let alive = owner.entity >= 0 || [owner.person, owner.coOwner].allSatisfy { person in
                        person < 0 || (city.persons[person].death.map { $0 > (property.mortgageRelease ?? 0) } ?? true)
                    }
                    if mortgaged, let release = property.mortgageRelease, release < next, alive {
                        timeline.publish(row(owner, mortgaged: false), on: release)
                    }
                }
            }
        }
    }
}
