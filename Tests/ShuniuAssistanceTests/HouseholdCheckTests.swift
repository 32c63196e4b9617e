import Foundation
import ShuniuAssistance
import ShuniuModel
import Testing

@Suite struct HouseholdCheckTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
    let policies = try! AssistancePolicy.loadAll(directory: HouseholdCheckTests.root.appendingPathComponent("policies"))
    let members = ["440111199004146478", "44011119911116564X"]

    func record(_ theme: String, _ subject: String, _ fields: Row) -> EvidenceRecord {
        EvidenceRecord(theme: theme, subject: subject, eventID: "\(theme)/\(subject)/1", provider: "p", grant: "g-\(theme)",
                       position: "sub.household-economic-check-centre/0/1", time: "2016-01-01T00:00:00Z", row: fields)
    }

    func application(_ type: String = "minimum-living-allowance") -> HouseholdApplication {
        HouseholdApplication(requestNumber: "HJ20160626000047", assistanceType: type, appliedOn: "2016-06-26", members: members)
    }

    @Test func everyAssistanceTypeOfTheCityHasAPolicy() {
        #expect(Set(policies.keys) == ["minimum-living-allowance", "low-income-household", "public-rental-housing",
                                       "medical-assistance", "temporary-assistance"])
        #expect(policies["minimum-living-allowance"]?.line(year: 2016) == 840)
        #expect(policies["minimum-living-allowance"]?.line(year: 2030) == 1120)
        #expect(policies["minimum-living-allowance"]?.line(year: 2010) == 650)
    }

    @Test func aPoorHouseholdWithoutAssetsIsEligible() {
        var facts = HouseholdFacts()
        facts.insurance[members[0]] = record("social-insurance", members[0], ["pension_status": "contributing", "contribution_base": .number("1600.00")])
        facts.deposits = [record("bank-deposits-icbc-guangzhou", members[0], ["total_balance": .number("40319.99")])]
        facts.properties = [record("real-estate", "P1", ["owner_citizen_id": .string(members[1]), "status": "valid"])]
        let verdict = HouseholdCheck.evaluate(application(), policy: policies["minimum-living-allowance"]!, facts: facts)
        #expect(verdict.result == "eligible")
        #expect(verdict.findings.isEmpty)
        #expect(verdict.figures["income_per_member"] == 800)
    }

    @Test func eachRuleFindsItsReasonWithItsEvidence() {
        var facts = HouseholdFacts()
        // A pension of 3 400 for two members: 1 700 per member, above the line (840).
        facts.insurance[members[0]] = record("social-insurance", members[0], ["pension_status": "receiving-pension", "monthly_pension": .number("3400.00")])
        facts.deposits = [record("bank-deposits-ccb-guangzhou", members[1], ["total_balance": .number("40320.01")])]
        facts.vehicles = [record("vehicles", "VIN1", ["owner_citizen_id": .string(members[0]), "status": "normal"])]
        facts.properties = [record("real-estate", "P1", ["owner_citizen_id": .string(members[0]), "status": "valid"]),
                            record("real-estate", "P2", ["co_owner_citizen_id": .string(members[1]), "status": "valid"])]
        let verdict = HouseholdCheck.evaluate(application(), policy: policies["minimum-living-allowance"]!, facts: facts)
        #expect(verdict.result == "ineligible")
        #expect(verdict.findings.map(\.rule) == ["income", "financial-assets", "vehicles", "properties"])
        #expect(verdict.findings[0].evidence.map(\.subject) == [members[0]])
        #expect(verdict.findings[1].evidence.map(\.eventID) == ["bank-deposits-ccb-guangzhou/\(members[1])/1"])
        #expect(verdict.findings[2].message.hasPrefix("家庭拥有机动车"))
        #expect(verdict.findings[3].evidence.map(\.subject) == ["P1", "P2"])
    }

    @Test func theIncomeLimitDependsOnTheAssistanceType() {
        var facts = HouseholdFacts()
        facts.insurance[members[0]] = record("social-insurance", members[0], ["pension_status": "contributing", "contribution_base": .number("2000.00")])
        // 1 000 per member: above the line (840) but within 1.5 × the line (1 260).
        #expect(HouseholdCheck.evaluate(application(), policy: policies["minimum-living-allowance"]!, facts: facts).result == "ineligible")
        #expect(HouseholdCheck.evaluate(application("low-income-household"), policy: policies["low-income-household"]!, facts: facts).result == "eligible")
    }

    @Test func dataTheCentreIsNotGrantedMakesTheCheckIncompleteAndSaysWhy() {
        var facts = HouseholdFacts()
        facts.unavailable["vehicles"] = "the mirror holds no vehicles records: the centre has no grant in force for vehicles"
        let verdict = HouseholdCheck.evaluate(application(), policy: policies["minimum-living-allowance"]!, facts: facts)
        #expect(verdict.result == "incomplete")
        #expect(verdict.unchecked["vehicles"]?.contains("no grant in force for vehicles") == true)
        #expect(verdict.figures["vehicles"] == nil)
    }

    @Test func aBrokenPolicyFileIsNamedWithTheFix() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-policy-\(UUID().uuidString.prefix(6)).yaml")
        try "id: x\ntitle: x\nbasis: b\nincome_line: {soon: 1}\n".write(to: file, atomically: true, encoding: .utf8)
        let error = #expect(throws: AssistanceError.self) { try AssistancePolicy.load(file) }
        #expect(error?.code == "bad-policy")
        #expect(error?.message.contains("income_line must map years") == true)
    }
}
