import Foundation
import ShuniuCity
import ShuniuModel
import Testing

@Suite("A clean city is consistent across themes")
struct IntegrityTests {
    @Test func noInjectableIssueIsPresent() throws {
        let audit = CityAudit(feeds: try SharedCities.clean.get().feeds)
        for kind in InconsistencyKind.allCases {
            #expect(audit.findings(kind).isEmpty, "\(kind.rawValue): \(audit.findings(kind).sorted().prefix(5))")
        }
    }

    @Test func spousesAreMarriedToEachOther() throws {
        let feeds = try SharedCities.clean.get().feeds
        let persons = CityAudit(feeds: feeds).persons
        let marriages = feeds.latest("marriage", key: "citizen_id")
        let sexes = feeds.latest("household-registration", key: "citizen_id").compactMapValues { $0.text("sex") }
        for (id, row) in marriages {
            guard let spouse = row.text("spouse_citizen_id") else { continue }
            #expect(persons.contains(spouse))
            #expect(sexes[id] != sexes[spouse], "\(id) and \(spouse) have the same sex")
            if row.text("status") == "married" {
                #expect(marriages[spouse]?.text("spouse_citizen_id") == id, "\(spouse) is not married to \(id)")
            }
        }
    }

    @Test func employersAndRepresentativesExist() throws {
        let feeds = try SharedCities.clean.get().feeds
        let audit = CityAudit(feeds: feeds)
        let entities = audit.entities
        for theme in ["employer", "social-insurance", "housing-fund"] {
            for code in feeds.values(theme, field: "employer_credit_code") { #expect(entities.contains(code), "\(theme): \(code)") }
        }
        for code in feeds.values("tax-paid", field: "main_withholding_agent") { #expect(entities.contains(code)) }
        let persons = audit.persons
        for id in feeds.values("enterprise-registration", field: "legal_representative_citizen_id") { #expect(persons.contains(id)) }
        for id in feeds.values("sole-trader-registration", field: "operator_citizen_id") { #expect(persons.contains(id)) }
        for field in ["mother_citizen_id", "father_citizen_id"] {
            for id in feeds.values("birth", field: field) { #expect(persons.contains(id)) }
        }
        #expect(!feeds.values("employer", field: "employer_credit_code").isEmpty)
    }

    @Test func identityNumbersAgreeWithSexAndBirthDate() throws {
        let feeds = try SharedCities.clean.get().feeds
        for theme in ["household-registration", "birth"] {
            for record in feeds.lines(theme) {
                let id = try CitizenID(validating: try #require(record.row.text("citizen_id")))
                #expect(record.row.text("sex") == id.sex.rawValue, "\(theme) \(id): sex")
                #expect(record.row.text("birth_date") == id.birthDate.description, "\(theme) \(id): birth date")
            }
        }
    }

    @Test func noLineNamesAPersonAfterTheirDeath() throws {
        let feeds = try SharedCities.clean.get().feeds
        let deaths = feeds.latest("death", key: "citizen_id").compactMapValues { $0.text("died_on") }
        #expect(!deaths.isEmpty)
        let fields = ["owner_citizen_id", "co_owner_citizen_id", "holder_citizen_id", "applicant_citizen_id",
                      "debtor_citizen_id", "offender_citizen_id", "landlord_citizen_id", "household_head_citizen_id",
                      "operator_citizen_id", "legal_representative_citizen_id"]
        for (theme, records) in feeds.records {
            for record in records {
                for field in fields {
                    guard let id = record.row.text(field), let died = deaths[id], let time = record.time else { continue }
                    #expect(String(time.prefix(10)) < died, "\(theme) names \(id) on \(time) after the death on \(died)")
                }
            }
        }
    }

    @Test func householdsListMatchesRegistrations() throws {
        let feeds = try SharedCities.clean.get().feeds
        let latest = feeds.latest("household-registration", key: "citizen_id")
        var expected: [String: Set<String>] = [:]
        for (id, row) in latest where row.text("registration_status") == "active" {
            expected[row.text("household_id") ?? "", default: []].insert(id)
        }
        #expect(Set(feeds.householdMembers.keys) == Set(expected.keys))
        for (household, members) in feeds.householdMembers {
            #expect(Set(members) == expected[household], "household \(household)")
        }
        for household in feeds.households {
            let members = feeds.householdMembers[household["household_id"] ?? ""] ?? []
            #expect(members.allSatisfy { latest[$0]?.text("district") == household["district"] })
        }
    }

    @Test func allowanceHouseholdSizesMatchHouseholds() throws {
        let feeds = try SharedCities.clean.get().feeds
        let latest = feeds.latest("household-registration", key: "citizen_id")
        let allowances = feeds.latest("minimum-living-allowance", key: "citizen_id")
        #expect(!allowances.isEmpty)
        for (id, row) in allowances {
            let household = try #require(latest[id]?.text("household_id"))
            let size = feeds.householdMembers[household]?.count
            #expect(row["household_size"]?.numberText == size.map(String.init), "\(id) in \(household)")
        }
    }
}
