import ShuniuModel
import ShuniuOpenData
import Testing

/// The gate's person-name rules: no field naming a natural person in any dataset, no party name
/// as a count dimension, and no row about a natural person or a sole trader in record datasets.
@Suite struct PersonNameGateTests {
    let catalogue = Repository.catalogue
    let list: NegativeList = try! NegativeList.load(file: Repository.negativeListFile, catalogue: Repository.catalogue)
    static let person = CitizenID.make(region: "440106", year: 1980, month: 5, day: 17, sequence: 123).value
    static let soleTrader = CreditCode.make(authority: "9", kind: "2", region: "440104", organisationBase: "L1234567").value
    static let company = CreditCode.make(authority: "9", kind: "1", region: "440104", organisationBase: "L1234567").value

    func theme(_ id: String) throws -> Theme { try #require(catalogue.theme(id)) }

    func refusals(_ theme: String, _ content: OpenDataset.Content) throws -> [DisclosureRefusal.Code] {
        let dataset = OpenDataset(id: "t", title: LocalizedName(zh: "测", en: "t"), description: "", domain: "population", theme: theme, content: content)
        return DefinitionGate.review(dataset, theme: try self.theme(theme), negativeList: list).map(\.code)
    }

    @Test func aPersonsNameFieldIsRefusedEvenInCounts() throws {
        #expect(try refusals("household-registration", .counts(rows: [.field("name")], column: .field("sex"))) == [.personName])
    }

    @Test func aPartyNameOpensInRecordsButNeverAsACountDimension() throws {
        #expect(try refusals("court-dishonest-debtors", .records(fields: ["record_no", "debtor_name"])).isEmpty)
        #expect(try refusals("administrative-penalties", .counts(rows: [.field("offender_name")], column: .field("penalty_type"))) == [.personName])
    }

    @Test func rowsAboutPersonsAndSoleTradersNeverOpen() throws {
        let penalties = try theme("administrative-penalties")
        let rows: [Row] = [
            ["decision_no": "1", "offender_kind": "legal-entity", "offender_credit_code": .string(Self.company)],
            ["decision_no": "2", "offender_kind": "person", "offender_citizen_id": .string(Self.person)],
            ["decision_no": "3", "offender_kind": "legal-entity", "offender_credit_code": .string(Self.soleTrader)],
            ["decision_no": "4", "offender_kind": "sole-trader", "offender_credit_code": .null],
            ["decision_no": "5", "offender_kind": "legal-entity", "offender_citizen_id": .string(Self.person)],
        ]
        #expect(NaturalPersonRows.removing(from: rows, theme: penalties).map { $0["decision_no"] } == ["1"])
        // A legal representative's ID does not make the enterprise's row a person's.
        let registration = try theme("enterprise-registration")
        let enterprise: Row = ["credit_code": .string(Self.company), "legal_representative_citizen_id": .string(Self.person)]
        #expect(!NaturalPersonRows.concerns(enterprise, theme: registration))
    }

    @Test func everyRecordDatasetAppliesTheRowRuleWhateverItsFilter() throws {
        let theme = try theme("court-dishonest-debtors")
        let dataset = OpenDataset(id: "t", title: LocalizedName(zh: "测", en: "t"), description: "", domain: "credit",
                                  theme: theme.id, content: .records(fields: ["record_no", "debtor_name"]))
        let rows: [Row] = [["record_no": "a", "debtor_kind": "legal-entity", "debtor_name": "广州某某有限公司", "debtor_credit_code": .string(Self.company)],
                           ["record_no": "b", "debtor_kind": "legal-entity", "debtor_name": "李大华", "debtor_credit_code": .string(Self.soleTrader)]]
        guard case .records(_, let built) = DatasetBuilder.build(dataset, theme: theme, rows: rows, latestTime: nil) else {
            Issue.record("not records")
            return
        }
        #expect(built.map { $0["record_no"] } == ["a"], "the court lists a sole trader as legal-entity, under its operator's name")
    }
}
