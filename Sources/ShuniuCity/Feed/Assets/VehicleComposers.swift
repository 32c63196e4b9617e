import ShuniuModel

/// `vehicles` (public security): registration, pledges and their release, scrapping.
/// Lines about a person's vehicle stop at the owner's death.
struct VehicleComposer: ThemeComposer {
    let themeID = "vehicles"

    func compose(_ city: City, into lines: ThemeLines) {
        for (index, vehicle) in city.vehicles.enumerated() {
            var random = city.random(RandomStream("vehicle-record"), index)
            let maker = VehicleLexicon.makers[vehicle.brand / 4]
            let model = maker.models[vehicle.brand % 4 % maker.models.count]
            let freight = vehicle.entity >= 0 && random.chance(0.6)
            let owner = vehicle.person >= 0 ? city.persons[vehicle.person] : nil
            func row(on day: Int, status: String) -> Row {
                var row = RowBuilder()
                row.string("vin", vehicle.vin)
                row.string("plate_no", vehicle.plate)
                row.string("vehicle_type", freight ? "H31" : "K33")
                row.string("use_nature", vehicle.entity < 0 ? "private" : freight ? "commercial-freight" : "commercial-passenger")
                row.string("brand_model", "\(maker.brand)牌\(model)")
                row.string("energy_type", vehicle.energy)
                if let owner {
                    row.string("owner_kind", "person")
                    row.string("owner_citizen_id", owner.id)
                    row.string("owner_name", owner.name)
                    row.string("district", city.districtID(city.place(of: vehicle.person, on: day)))
                } else {
                    let entity = city.entities[vehicle.entity]
                    row.string("owner_kind", "legal-entity")
                    row.string("owner_credit_code", entity.code)
                    row.string("owner_name", entity.name)
                    row.string("district", city.districtID(entity.place(on: day)))
                }
                row.decimal("purchase_price", hundredths: vehicle.price * 100)
                row.date("registered_on", vehicle.registered)
                row.string("status", status)
                return row.row
            }
            var events = [(vehicle.registered, "normal")]
            if let pledge = vehicle.pledge {
                events.append((pledge.start, "pledged"))
                if let release = pledge.release { events.append((release, "normal")) }
            }
            if let scrapped = vehicle.scrapped { events.append((scrapped, "scrapped")) }
            events.sort { $0.0 < $1.0 }
            lines.history(subject: vehicle.vin, index: index, deadline: owner?.death) { timeline in
                for (day, status) in events {
                    guard timeline.publish(row(on: day, status: status), on: day) else { break }
                }
            }
        }
    }
}

/// `car-quota-indicators` (transport): indicators won by lottery or auction (or granted for a
/// replacement or a new-energy car): valid, then used by a registration or expired.
struct CarQuotaComposer: ThemeComposer {
    let themeID = "car-quota-indicators"

    func compose(_ city: City, into lines: ThemeLines) {
        for (index, quota) in city.quotas.enumerated() {
            let person = city.persons[quota.person]
            let validUntil = CityCalendar.adding(years: 1, to: quota.issued)
            func row(_ status: String) -> Row {
                var row = RowBuilder()
                row.string("indicator_no", quota.number)
                row.string("applicant_code", quota.applicantCode)
                row.string("applicant_kind", "person")
                row.string("applicant_citizen_id", person.id)
                row.string("applicant_name", person.name)
                row.string("allocation_method", quota.method)
                row.string("energy_category", quota.newEnergy ? "new-energy" : "ordinary")
                row.date("issued_on", quota.issued)
                row.date("valid_until", validUntil)
                row.string("status", status)
                return row.row
            }
            lines.history(subject: quota.number, index: index, deadline: person.death) { timeline in
                timeline.publish(row("valid"), on: quota.issued)
                if let used = quota.used {
                    timeline.publish(row("used"), on: used)
                } else {
                    timeline.publish(row("expired"), on: validUntil)
                }
            }
        }
    }
}
