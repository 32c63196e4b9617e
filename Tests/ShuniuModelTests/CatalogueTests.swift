import Foundation
import Testing
@testable import ShuniuModel

@Suite("Catalogue loading")
struct CatalogueTests {
    let catalogue: Catalogue

    init() throws {
        catalogue = try CatalogueLoader.load(directory: Fixture.catalogue("good"))
    }

    @Test func goodFixtureHasNoDiagnostics() {
        #expect(CatalogueChecker.check(directory: Fixture.catalogue("good")).isEmpty)
    }

    @Test func loadsDistrictsDepartmentsAndArbitration() throws {
        #expect(catalogue.districts.map(\.id) == ["yuexiu", "panyu"])
        #expect(catalogue.district("panyu")?.name == LocalizedName(zh: "番禺区", en: "Panyu District"))
        #expect(catalogue.departments.count == 6)
        let grid = try #require(catalogue.department("panyu-grid-centre"))
        #expect(grid.kind == .district)
        #expect(grid.district == "panyu")
        #expect(catalogue.department("public-security")?.kind == .government)
        #expect(catalogue.department("icbc")?.functions == [])
        #expect(catalogue.arbitration.members == ["public-security", "civil-affairs", "tax"])
        #expect(catalogue.department("nobody") == nil)
    }

    @Test func loadsThemesSortedWithEveryAttribute() throws {
        #expect(catalogue.themes.map(\.id)
                == ["enterprise-registration", "household-registration", "marriage", "tax-audit-notes"])
        let household = try #require(catalogue.theme("household-registration"))
        #expect(household.title.en == "Household registration")
        #expect(household.description == "One row per registered resident, from the household register.")
        #expect(household.themeClass == .basePerson)
        #expect(household.subject == SubjectSpec(kind: .person, key: "citizen_id"))
        #expect(household.provider == "public-security")
        #expect(household.share == SharePolicy(type: .unconditional))
        #expect(household.open == .closed)
        #expect(household.update == .daily)
        #expect(household.update.maxAge == 86_400)
        #expect(household.partitions == 6)
        #expect(household.functions == ["social-assistance", "grid-management", "tax-collection"])
        #expect(household.fields.map(\.name)
                == ["citizen_id", "name", "sex", "birth_date", "district", "address", "household_size", "registered_at"])
        #expect(household.field("sex") == FieldSpec(name: "sex", type: .enum, required: true, sensitivity: .internal,
                                                    values: ["male", "female"]))
        #expect(household.field("address")?.required == false)
        #expect(household.field("district")?.description == "the district id of the registered address")
        #expect(household.keyField?.type == .citizenID)
        let marriage = try #require(catalogue.theme("marriage"))
        #expect(marriage.share.type == .conditional)
        #expect(marriage.share.condition == "only to verify eligibility for a service the citizen applied for")
        #expect(catalogue.theme("tax-audit-notes")?.functions == [])
        #expect(catalogue.theme("tax-audit-notes")?.share.type == ShareType.none)
    }

    @Test func lookupsByProviderAndFunction() {
        #expect(catalogue.themes(providedBy: "civil-affairs").map(\.id) == ["marriage"])
        #expect(catalogue.themes(providedBy: "icbc").isEmpty)
        #expect(catalogue.departments(holding: "social-assistance").map(\.id) == ["civil-affairs"])
        #expect(catalogue.departments(holding: "grid-management").map(\.id) == ["panyu-grid-centre"])
        #expect(catalogue.departments(holding: "flying").isEmpty)
        #expect(catalogue.theme("marriage")?.entitles("social-assistance") == true)
        #expect(catalogue.theme("marriage")?.entitles("tax-collection") == false)
    }

    @Test func topicPlanNamesEveryTopic() {
        let plan = catalogue.topicPlan()
        #expect(plan.contains(TopicSpec(name: "src.household-registration", partitions: 6)))
        #expect(plan.contains(TopicSpec(name: "dlq.household-registration", partitions: 6)))
        #expect(plan.contains(TopicSpec(name: "src.tax-audit-notes", partitions: 1)))
        #expect(plan.contains(TopicSpec(name: "sub.panyu-grid-centre", partitions: 3)))
        #expect(plan.suffix(6) == [TopicSpec(name: "audit.exchange", partitions: 3),
                                   TopicSpec(name: "audit.access", partitions: 3),
                                   TopicSpec(name: "ctl.grants", partitions: 1),
                                   TopicSpec(name: "ctl.credit-objections", partitions: 1),
                                   TopicSpec(name: "ctl.identities", partitions: 1),
                                   TopicSpec(name: "ctl.licences", partitions: 1)])
        #expect(plan.count == 4 * 2 + 6 + 6)
        #expect(Set(plan.map(\.name)).count == plan.count)
    }

    @Test func topicNames() {
        #expect(Topics.source("marriage") == "src.marriage")
        #expect(Topics.subscriber("tax") == "sub.tax")
        #expect(Topics.deadLetter("marriage") == "dlq.marriage")
        #expect(Topics.audit == "audit.exchange")
        #expect(Topics.grants == "ctl.grants")
    }

    @Test func vocabularies() {
        #expect(Sensitivity.public < .internal && Sensitivity.internal < .sensitive && Sensitivity.sensitive < .secret)
        #expect(Sensitivity.allCases.sorted() == [.public, .internal, .sensitive, .secret])
        #expect(UpdateFrequency.allCases.map(\.maxAge) == UpdateFrequency.allCases.map(\.maxAge).sorted())
        #expect(ThemeClass.basePerson.isBase && ThemeClass.baseLegal.isBase && !ThemeClass.special.isBase)
        #expect(FieldType(rawValue: "citizen-id") == .citizenID)
    }

    @Test func catalogueBuiltInCodeEqualsLoadedOne() {
        let rebuilt = Catalogue(districts: catalogue.districts, departments: catalogue.departments,
                                themes: catalogue.themes.reversed(), arbitration: catalogue.arbitration)
        #expect(rebuilt == catalogue)
    }

    @Test func loadThrowsWithEveryDiagnostic() {
        #expect {
            try CatalogueLoader.load(directory: Fixture.catalogue("bad-departments"))
        } throws: { error in
            guard let error = error as? CatalogueError else { return false }
            return error.code == "invalid-catalogue" && error.diagnostics.count == 10
                && error.description.hasPrefix("invalid-catalogue: 10 problems in the catalogue\ndepartments.yaml:4: ")
        }
    }
}
