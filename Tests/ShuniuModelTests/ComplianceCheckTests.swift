import Foundation
import Testing
import ShuniuModel

/// The compliance check's rules on the repository's catalogue: the sensitivity table, the
/// district rule and the mask consistency (marriage) rule.
@Suite("Compliance check", .enabled(if: RepositoryCatalogue.exists, "no topics/ in this checkout"))
struct ComplianceCheckTests {
    let catalogue: Catalogue
    let workflow: GrantWorkflow
    let at = "2025-03-03T09:00:00Z"

    init() throws {
        catalogue = try CatalogueLoader.load(directory: RepositoryCatalogue.directory)
        workflow = GrantWorkflow(catalogue: catalogue)
    }

    func refusal(_ application: GrantApplication, table: GrantTable = GrantTable()) -> GrantRefusal? {
        do { _ = try workflow.apply(application, id: "g-new", at: at, table: table) } catch { return error }
        return nil
    }

    /// Applies each application in turn (as `g-1`, `g-2`...) and returns the table.
    func applied(_ applications: GrantApplication...) throws -> GrantTable {
        var table = GrantTable()
        for (index, application) in applications.enumerated() {
            for event in try workflow.apply(application, id: "g-\(index + 1)", at: at, table: table) {
                #expect(table.apply(event, catalogue: catalogue) == nil)
            }
        }
        return table
    }

    // MARK: the sensitivity table

    @Test func sensitivityTableCells() {
        let policy = SensitivityPolicy.standard
        for sensitivity in [Sensitivity.public, .internal, .sensitive] {
            for masked in [false, true] {
                for district in [false, true] {
                    #expect(policy.decision(for: sensitivity, masked: masked, share: .unconditional, districtBody: district) == .hub)
                    #expect(policy.decision(for: sensitivity, masked: masked, share: .conditional, districtBody: district) == .provider)
                    #expect(policy.decision(for: sensitivity, masked: masked, share: .none, districtBody: district) == .refused)
                }
            }
        }
        for share in [ShareType.unconditional, .conditional] {
            #expect(policy.decision(for: .secret, masked: false, share: share, districtBody: false) == .provider)
            #expect(policy.decision(for: .secret, masked: true, share: share, districtBody: false) == .provider)
            #expect(policy.decision(for: .secret, masked: true, share: share, districtBody: true) == .provider)
            #expect(policy.decision(for: .secret, masked: false, share: share, districtBody: true) == .refused)
        }
    }

    @Test func sensitiveFieldsOnAnUnconditionalThemeAreApprovedAtOnce() throws {
        let application = GrantApplication(subscriber: "civil-affairs", theme: "death", function: "social-assistance",
                                           basis: "社会救助暂行办法", fields: ["name", "died_on", "place_of_death", "district"])
        let events = try workflow.apply(application, id: "g-1", at: at, table: GrantTable())
        #expect(events.map(\.kind) == [.applied, .approved])
        #expect(events.last?.by == GrantWorkflow.hub)
    }

    @Test func secretFieldOnAnUnconditionalThemeWaitsForTheProvider() throws {
        let application = GrantApplication(subscriber: "civil-affairs", theme: "death", function: "social-assistance",
                                           basis: "社会救助暂行办法", fields: ["died_on", "cause_category"])
        #expect(workflow.decider(of: application).field?.name == "cause_category")
        var table = try applied(application)
        #expect(table.grant("g-1")?.state == .applied)
        let forged = GrantEvent(kind: .approved, grant: "g-1", by: GrantWorkflow.hub, at: at, reason: "compliance check passed")
        #expect(table.apply(forged, catalogue: catalogue)?.code == .notProvider)
        #expect(table.grant("g-1")?.state == .applied)
        table.apply(try workflow.decide("g-1", approve: true, by: "public-security", reason: nil, at: at, table: table), catalogue: catalogue)
        #expect(table.grant("g-1")?.state == .approved)
    }

    @Test func maskedSecretFieldStillWaitsButADroppedOneDoesNot() throws {
        var application = GrantApplication(subscriber: "civil-affairs", theme: "death", function: "social-assistance",
                                           basis: "社会救助暂行办法", fields: ["died_on", "cause_category"],
                                           masks: ["cause_category": "pseudonym"])
        #expect(try applied(application).grant("g-1")?.state == .applied)
        application.masks = ["cause_category": "drop"]
        #expect(try applied(application).grant("g-1")?.state == .approved)
    }

    @Test func districtBodyNeverReceivesASecretFieldInClear() throws {
        let application = GrantApplication(subscriber: "panyu-grid-centre", theme: "disability", function: "grid-management",
                                           basis: "网格化服务管理办法", fields: ["name", "category"], scope: ["district": ["panyu"]])
        #expect(refusal(application)?.code == .secretToDistrict)
        var masked = application
        masked.masks = ["category": "pseudonym"]
        #expect(try applied(masked).grant("g-1")?.state == .applied, "masked, the provider decides")
    }

    // MARK: the district rule

    var grid: GrantApplication {
        GrantApplication(subscriber: "panyu-grid-centre", theme: "household-registration", function: "grid-management",
                         basis: "网格化服务管理办法", fields: ["name", "district", "address"],
                         masks: ["citizen_id": "partial"], scope: ["district": ["panyu"]])
    }

    @Test func districtBodyGetsItsOwnDistrict() throws {
        #expect(try applied(grid).grant("g-1")?.state == .approved)
    }

    @Test func districtBodyIsRefusedAnotherDistrict() throws {
        var application = grid
        application.scope = ["district": ["tianhe"]]
        let refused = try #require(refusal(application))
        #expect(refused.code == .districtScope)
        #expect(refused.message.contains("--scope district=panyu"))
        application.scope = ["district": ["panyu", "tianhe"]]
        #expect(refusal(application)?.code == .districtScope)
    }

    @Test func districtBodyIsRefusedNoScope() throws {
        var application = grid
        application.scope = [:]
        let refused = try #require(refusal(application))
        #expect(refused.code == .districtScope)
        #expect(refused.message.contains("--scope district=panyu"))
        application.scope = ["registration_status": ["active"]]
        #expect(refusal(application)?.code == .districtScope)
    }

    @Test func districtBodyIsRefusedAThemeWithoutADistrictField() throws {
        let themes = catalogue.themes.map { theme -> Theme in
            var theme = theme
            if theme.id == "marriage" { theme.functions.append("grid-management") }
            return theme
        }
        let widened = Catalogue(districts: catalogue.districts, departments: catalogue.departments, themes: themes,
                                arbitration: catalogue.arbitration)
        let application = GrantApplication(subscriber: "panyu-grid-centre", theme: "marriage", function: "grid-management",
                                           basis: "b", fields: ["status"], scope: ["status": ["married"]])
        do {
            _ = try GrantWorkflow(catalogue: widened).apply(application, id: "g", at: at, table: GrantTable())
            Issue.record("a district body got a theme without a district field")
        } catch {
            #expect(error.code == .noDistrictField)
        }
    }

    @Test func cityWideBodiesNeedNoScope() throws {
        let application = GrantApplication(subscriber: "civil-affairs", theme: "household-registration", function: "social-assistance",
                                           basis: "社会救助暂行办法", fields: ["name", "district"])
        #expect(try applied(application).grant("g-1")?.state == .approved)
    }

    // MARK: the marriage rule (mask consistency)

    func marriage(_ masks: [String: String]) -> GrantApplication {
        GrantApplication(subscriber: "housing-construction", theme: "marriage", function: "housing-security",
                         basis: "广州市公共租赁住房保障办法", fields: ["status", "spouse_citizen_id", "registered_on"], masks: masks)
    }

    @Test func identifierKindsByTypeAndName() {
        #expect(IdentifierKind(FieldSpec(name: "spouse_citizen_id", type: .string, sensitivity: .sensitive)) == .citizenID)
        #expect(IdentifierKind(FieldSpec(name: "holder", type: .citizenID, sensitivity: .sensitive)) == .citizenID)
        #expect(IdentifierKind(FieldSpec(name: "owner_credit_code", type: .string, sensitivity: .internal)) == .creditCode)
        #expect(IdentifierKind(FieldSpec(name: "name", type: .string, sensitivity: .sensitive)) == nil)
    }

    @Test func maskingTheSpouseWhileTheSubjectIsClearIsRefused() throws {
        for mask in ["partial", "pseudonym"] {
            let refused = try #require(refusal(marriage(["spouse_citizen_id": mask])))
            #expect(refused.code == .recoverableMask)
            #expect(refused.message.contains("marriage.citizen_id"), "names the field that reveals it")
            #expect(refused.message.contains("--mask citizen_id=pseudonym") && refused.message.contains("no --mask spouse_citizen_id"),
                    "names both fixes")
        }
    }

    @Test func maskingBothOrNeitherIsAccepted() throws {
        #expect(try applied(marriage(["citizen_id": "pseudonym", "spouse_citizen_id": "pseudonym"])).grant("g-1")?.state == .approved)
        #expect(try applied(marriage(["citizen_id": "pseudonym", "spouse_citizen_id": "partial"])).grant("g-1")?.state == .approved)
        #expect(try applied(marriage([:])).grant("g-1")?.state == .approved)
        #expect(try applied(marriage(["spouse_citizen_id": "drop"])).grant("g-1")?.state == .approved, "a dropped field is not delivered")
    }

    @Test func aClearIdentifierUnderAnotherGrantRevealsTheMaskedOne() throws {
        let household = GrantApplication(subscriber: "housing-construction", theme: "household-registration", function: "housing-security",
                                         basis: "b", fields: ["name", "district"])
        let consistent = marriage(["citizen_id": "pseudonym", "spouse_citizen_id": "pseudonym"])
        let table = try applied(household)
        let refused = try #require(refusal(consistent, table: table))
        #expect(refused.code == .recoverableMask)
        #expect(refused.message.contains("grant g-1"))
        let reverse = try applied(consistent)
        #expect(refusal(household, table: reverse)?.code == .recoverableMask, "the clear one is refused after the masked one too")
        var revoked = table
        revoked.apply(try workflow.revoke("g-1", by: "housing-construction", reason: "done", at: at, table: table), catalogue: catalogue)
        #expect(refusal(consistent, table: revoked) == nil, "a revoked grant delivers nothing")
        #expect(refusal(consistent, table: try applied(GrantApplication(subscriber: "civil-affairs", theme: "household-registration",
                                                                       function: "social-assistance", basis: "b", fields: ["name"]))) == nil,
                "another department's grants do not count")
    }

    @Test func arbitrationCannotReopenARecoverableMask() throws {
        // A conditional theme (real-estate) keyed by... any citizen ID field in clear, refused by
        // its provider; then a consistent masked grant elsewhere; then arbitration would make it
        // inconsistent, so it is refused.
        let estate = try #require(catalogue.theme("real-estate"))
        let function = try #require(catalogue.department("housing-construction")?.functions.first(where: estate.entitles))
        let clear = GrantApplication(subscriber: "housing-construction", theme: "real-estate", function: function,
                                     basis: "b", fields: ["owner_citizen_id"])
        var table = try applied(clear)
        #expect(table.grant("g-1")?.state == .applied)
        table.apply(try workflow.decide("g-1", approve: false, by: estate.provider, reason: "no", at: at, table: table), catalogue: catalogue)
        for event in try workflow.apply(marriage(["citizen_id": "pseudonym", "spouse_citizen_id": "pseudonym"]), id: "g-2", at: at, table: table) {
            #expect(table.apply(event, catalogue: catalogue) == nil)
        }
        #expect(table.grant("g-2")?.state == .approved)
        do {
            _ = try workflow.arbitrate("g-1", approve: true, reason: "needed", at: at, table: table)
            Issue.record("arbitration reopened a recoverable mask")
        } catch {
            #expect(error.code == .recoverableMask)
        }
    }
}
