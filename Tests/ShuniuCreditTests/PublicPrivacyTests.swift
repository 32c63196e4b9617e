import Foundation
import ShuniuCredit
import ShuniuModel
import Testing

/// The keyless public view of a natural person (a citizen ID, a sole trader `92…`) is no
/// ID-to-name oracle: personal names with the surname only, citizen IDs in any value masked 6+4.
/// Objections are read only by the providers of the records and the hub's operators.
@Suite struct PublicPrivacyTests {
    let day = CalendarDate(iso: "2026-06-01")!
    static let soleTrader = CreditCode.make(authority: "9", kind: "2", region: "440104", organisationBase: "L1234567").value
    static let shop = CreditCode.make(authority: "9", kind: "2", region: "440104", organisationBase: "L7654321").value
    static let unregistered = CreditCode.make(authority: "9", kind: "2", region: "440104", organisationBase: "L1122334").value
    static let witness = CitizenID.make(region: "440103", year: 1975, month: 2, day: 3, sequence: 77).value

    /// A penalty against `offender` named `name`, its case name repeating the name, a citizen ID in the violation text.
    static func penalty(_ number: String, offender: String, kind: String, name: String, representative: String? = nil) -> ChangeEvent {
        let person = kind == "person"
        var row: Row = [
            "decision_no": .string(number), "case_name": .string("\(name)未取得许可从事经营活动案"), "offender_kind": .string(kind),
            "offender_name": .string(name), person ? "offender_citizen_id" : "offender_credit_code": .string(offender),
            "violation": .string("经查，当事人（证人\(witness)）未取得许可从事经营活动"), "penalty_type": "fine",
            "decided_on": "2026-01-15", "authority_name": "广州市市场监督管理局", "publicity_until": "2027-06-30",
        ]
        if let representative { row["legal_representative"] = .string(representative) }
        return ChangeEvent.upsert(id: "pen-\(number)", source: "justice", theme: "administrative-penalties", subject: number,
                                  time: "2026-01-15T08:00:00Z", sequence: 1, row: row)
    }

    static func registration(_ code: String, shop: String?, operator name: String) -> ChangeEvent {
        var row: Row = [
            "credit_code": .string(code), "operator_name": .string(name),
            "operator_citizen_id": .string(CitizenID.make(region: "440104", year: 1970, month: 1, day: 1, sequence: 5).value),
            "business_premises": "越秀区某路1号", "district": "yuexiu", "established_on": "2015-01-01", "status": "operating",
        ]
        if let shop { row["name"] = .string(shop) }
        return ChangeEvent.upsert(id: "reg-\(code)", source: "market-regulation", theme: "sole-trader-registration", subject: code,
                                  time: "2015-01-01T08:00:00Z", sequence: 1, row: row)
    }

    func fields(_ fixture: CreditFixture, _ subject: String) throws -> Row {
        let view = try fixture.reader.publicView(subject, on: day)
        #expect(view.entries.count == 1, "\(subject)")
        return try #require(view.entries.first?.fields)
    }

    @Test func aPersonsPublicPenaltyShowsTheSurnameOnlyAndNoCitizenID() throws {
        let fixture = try CreditFixture()
        try fixture.feed([Self.penalty("穗执罚〔2026〕1号", offender: CreditEvents.person, kind: "person", name: "张小明")])
        let row = try fields(fixture, CreditEvents.person)
        #expect(row["offender_name"] == "张*")
        #expect(row["case_name"] == "张*未取得许可从事经营活动案")
        let violation = try #require(row["violation"]?.stringValue)
        #expect(!violation.contains(Self.witness) && violation.contains("440103********\(Self.witness.suffix(4))"))
        #expect(!row.description.contains("小明"))
        // A department with a key and no grant sees the same public fields unmasked in its audited view.
        let authorised = try fixture.reader.authorisedView(CreditEvents.person, department: "tax", grants: GrantTable(), on: day,
                                                           keys: PseudonymKeys(secret: .ephemeral(), departments: []))
        #expect(authorised.entries.first?.fields["offender_name"] == "张小明")
    }

    @Test func aSoleTraderNamedAfterItsOperatorShowsTheSurnameOnly() throws {
        let fixture = try CreditFixture()
        try fixture.feed([Self.registration(Self.soleTrader, shop: nil, operator: "李大华"),
                          Self.penalty("穗执罚〔2026〕2号", offender: Self.soleTrader, kind: "sole-trader", name: "李大华"),
                          Self.registration(Self.shop, shop: "广州市越秀区陈记士多", operator: "陈志强"),
                          Self.penalty("穗执罚〔2026〕3号", offender: Self.shop, kind: "sole-trader", name: "广州市越秀区陈记士多"),
                          Self.penalty("穗执罚〔2026〕4号", offender: Self.unregistered, kind: "sole-trader", name: "王小二")])
        let named = try fields(fixture, Self.soleTrader)
        #expect(named["offender_name"] == "李*" && named["case_name"] == "李*未取得许可从事经营活动案")
        let shop = try fields(fixture, Self.shop)
        #expect(shop["offender_name"] == "广州市越秀区陈记士多", "a shop name is not a person's name")
        let unregistered = try fields(fixture, Self.unregistered)
        #expect(unregistered["offender_name"] == "王*", "no registration: a name as short as a person's is taken for one")
    }

    @Test func aSoleTradersLegalRepresentativeIsTakenForItsOperator() throws {
        let fixture = try CreditFixture()
        try fixture.feed([Self.penalty("穗执罚〔2026〕6号", offender: Self.unregistered, kind: "sole-trader", name: "欧阳小明明",
                                       representative: "欧阳小明明")])
        let row = try fields(fixture, Self.unregistered)
        #expect(row["offender_name"] == "欧*" && row["legal_representative"] == "欧*", "\(row)")
    }

    @Test func anOrganisationsPublicViewKeepsItsNames() throws {
        let fixture = try CreditFixture()
        try fixture.feed([Self.penalty("穗执罚〔2026〕5号", offender: CreditEvents.enterprise, kind: "legal-entity", name: "广州某某贸易有限公司")])
        let row = try fields(fixture, CreditEvents.enterprise)
        #expect(row["offender_name"] == "广州某某贸易有限公司")
        #expect(row["violation"]?.stringValue?.contains(Self.witness) == false, "citizen IDs are masked in every public view")
    }

    @Test func objectionsAreReadByTheRecordsProviderAndTheHubOnly() throws {
        let catalogue = CreditFixture.catalogue
        let objection = Objection(id: "o1", subject: CreditEvents.enterprise, record: "administrative-penalties/x", theme: "administrative-penalties",
                                  recordSequence: 1, state: .filed, reason: "r", filedAt: "2026-03-02T09:00:00Z", filedOn: day)
        let stray = Objection(id: "o2", subject: CreditEvents.enterprise, record: "gone/x", theme: "no-such-theme",
                              recordSequence: nil, state: .filed, reason: "r", filedAt: "2026-03-02T09:00:00Z", filedOn: day)
        #expect(ObjectionVisibility.hubOperators(in: catalogue) == ["data-administration"])
        #expect(ObjectionVisibility.visible([objection, stray], to: "justice", catalogue: catalogue).map(\.id) == ["o1"])
        #expect(ObjectionVisibility.visible([objection, stray], to: "data-administration", catalogue: catalogue).map(\.id) == ["o1", "o2"])
        #expect(ObjectionVisibility.visible([objection, stray], to: "housing-construction", catalogue: catalogue).isEmpty)
        #expect(!ObjectionVisibility.isVisible(objection, to: "tax", catalogue: catalogue))
    }
}
