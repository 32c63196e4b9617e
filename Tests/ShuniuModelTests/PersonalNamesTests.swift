import Foundation
import ShuniuModel
import Testing

/// Which fields name a natural person, read from the catalogue's structure, and citizen IDs in
/// free text.
@Suite("Personal names and citizen IDs in text", .enabled(if: RepositoryCatalogue.exists, "no topics/ in this checkout"))
struct PersonalNamesTests {
    let catalogue = try! CatalogueLoader.load(directory: RepositoryCatalogue.directory)

    func theme(_ id: String) throws -> Theme { try #require(catalogue.theme(id)) }

    @Test func nameFieldsFollowTheCatalogueStructure() throws {
        #expect(try theme("sole-trader-registration").personNameFields == ["operator_name"])
        #expect(try theme("sole-trader-registration").partyNameFields.isEmpty, "the shop name is no person's name")
        #expect(try theme("enterprise-registration").personNameFields == ["legal_representative"])
        #expect(try theme("household-registration").personNameFields.contains("name"))
        #expect(try theme("administrative-penalties").partyNameFields == ["offender_name"])
        #expect(try theme("administrative-licences").partyNameFields == ["holder_name"])
        #expect(try theme("court-dishonest-debtors").partyNameFields == ["debtor_name"])
        #expect(try theme("administrative-penalties").personNameFields.isEmpty)
    }

    @Test func soleTradersAndCitizenIDsAreNaturalPersons() {
        let id = CitizenID.make(region: "440106", year: 1980, month: 5, day: 17, sequence: 123).value
        let soleTrader = CreditCode.make(authority: "9", kind: "2", region: "440104", organisationBase: "L1234567").value
        let enterprise = CreditCode.make(authority: "9", kind: "1", region: "440104", organisationBase: "L1234567").value
        #expect(NaturalPerson.isSubject(id) && NaturalPerson.isSubject(soleTrader))
        #expect(!NaturalPerson.isSubject(enterprise) && !NaturalPerson.isSoleTrader(enterprise))
        #expect(!NaturalPerson.isSubject("92"), "too short to be a credit code")
    }

    @Test func citizenIDsInTextAreMaskedSixPlusFour() {
        let id = CitizenID.make(region: "440106", year: 1980, month: 5, day: 17, sequence: 123).value
        let masked = CitizenIDText.masked("证人\(id)，另一证人\(id)。")
        #expect(masked == "证人440106********\(id.suffix(4))，另一证人440106********\(id.suffix(4))。")
        #expect(CitizenIDText.contains("x\(id)") && !CitizenIDText.contains(masked))
        var wrong = Array(id)
        wrong[17] = wrong[17] == "0" ? "1" : "0"
        let account = "账号" + String(wrong)
        #expect(CitizenIDText.masked(account) == account, "18 digits failing the check character stay as they are")
        #expect(CitizenIDText.masked("短") == "短")
    }
}
