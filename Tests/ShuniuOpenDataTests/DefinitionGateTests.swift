import ShuniuModel
import ShuniuOpenData
import Testing

@Suite struct DefinitionGateTests {
    let catalogue = Repository.catalogue
    let list: NegativeList = try! NegativeList.load(file: Repository.negativeListFile, catalogue: Repository.catalogue)

    func refusals(_ dataset: OpenDataset) -> [DisclosureRefusal.Code] {
        DefinitionGate.review(dataset, theme: catalogue.theme(dataset.theme)!, negativeList: list).map(\.code)
    }

    func records(_ theme: String, _ fields: [String]) -> OpenDataset {
        OpenDataset(id: "t", title: LocalizedName(zh: "测", en: "t"), description: "", domain: "population", theme: theme,
                    content: .records(fields: fields))
    }

    @Test func everyShippedDatasetPassesAndEveryDomainIsKnown() {
        for dataset in OpenDataset.standard {
            #expect(refusals(dataset).isEmpty, "\(dataset.id)")
            #expect(OpenDomain.named(dataset.domain) != nil, "\(dataset.id)")
        }
        #expect(OpenDomain.all.count == 14)
        #expect(Set(OpenDataset.standard.map(\.id)).count == OpenDataset.standard.count)
        #expect(Set(OpenDataset.standard.map(\.domain)).count >= 12)
    }

    @Test func personRecordsOpenOnlyAsCounts() {
        #expect(refusals(records("household-registration", ["sex", "district"])).contains(.personRecords))
        #expect(refusals(records("household-registration", ["sex", "district"])).contains(.notOpen))
    }

    @Test func aNonPublicOrIdentifyingFieldIsRefused() {
        #expect(refusals(records("enterprise-registration", ["credit_code", "legal_representative_citizen_id"])) == [.identifyingField])
        #expect(refusals(records("annual-report", ["credit_code", "revenue"])) == [.nonPublicField])
    }

    @Test func theNegativeListWinsOverThePublicSensitivity() {
        // legal_representative is `public` in the catalogue but names a person.
        #expect(refusals(records("enterprise-registration", ["credit_code", "legal_representative"])) == [.negativeList])
        let counts = OpenDataset(id: "t", title: LocalizedName(zh: "测", en: "t"), description: "", domain: "health",
                                 theme: "severe-mental-disorder-patients", content: .counts(rows: [.field("district")], column: .field("status")))
        #expect(refusals(counts) == [.negativeList], "a negative-listed theme opens not even as counts")
    }

    @Test func theValueScanFindsACitizenIDInAnyField() {
        let id = CitizenID.make(region: "440106", year: 1980, month: 5, day: 17, sequence: 123).value
        let dataset = records("enterprise-registration", ["credit_code", "business_scope"])
        let rows: [Row] = [["credit_code": "91440101MA5CXXXX0X", "business_scope": .string("经营者身份证\(id)，餐饮服务")],
                           ["credit_code": "91440101MA5CYYYY0Y", "business_scope": "软件开发"]]
        let found = IdentifierScan.review(rows, dataset: dataset)
        #expect(found.map(\.code) == [.identifyingField])
        #expect(found.first?.message.contains("business_scope") == true && found.first?.message.contains(id) == false,
                "names the field, never the ID")
        var wrongCheck = Array(id)
        wrongCheck[17] = wrongCheck[17] == "0" ? "1" : "0"
        #expect(!IdentifierScan.containsCitizenID("编号\(String(wrongCheck))"), "18 digits that fail GB 11643 are no ID")
        #expect(!IdentifierScan.containsCitizenID("91440101MA5CXXXX0X"))
    }
}
