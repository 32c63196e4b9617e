import Foundation
import ShuniuAccess
import ShuniuKafka
import ShuniuModel
import Testing

/// The ACL plan on the small catalogue of `Tests/ShuniuModelTests/Fixtures/good` (six
/// departments, four themes), with grants in three states.
@Suite struct AclPlanTests {
    let catalogue: Catalogue = try! CatalogueLoader.load(directory: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("../ShuniuModelTests/Fixtures/good").standardizedFileURL)

    /// civil-affairs and panyu-grid-centre hold approved grants; public-security's application
    /// for marriage (conditional) is not answered yet.
    func grants() throws -> GrantTable {
        let workflow = GrantWorkflow(catalogue: catalogue)
        var table = GrantTable()
        let applications = [
            ("g-1", GrantApplication(subscriber: "civil-affairs", theme: "household-registration", function: "social-assistance",
                                     basis: "社会救助暂行办法", fields: ["name"])),
            ("g-2", GrantApplication(subscriber: "panyu-grid-centre", theme: "household-registration", function: "grid-management",
                                     basis: "网格化服务管理办法", fields: ["name"], scope: ["district": ["panyu"]])),
            ("g-3", GrantApplication(subscriber: "public-security", theme: "marriage", function: "household-registration-management",
                                     basis: "户口登记条例", fields: ["status"])),
        ]
        for (id, application) in applications {
            for event in try workflow.apply(application, id: id, at: "2025-01-02T09:00:00Z", table: table) {
                #expect(table.apply(event, catalogue: catalogue) == nil)
            }
        }
        return table
    }

    @Test func theExactSetForASmallCatalogue() throws {
        let plan = AclPlan.entries(catalogue: catalogue, grants: try grants()).map(\.description)
        let grantsLog = ["read", "write", "describe"].map { "allow \($0) topic ctl.grants" }
        var expected: [String] = []
        for department in ["civil-affairs", "icbc", "market-regulation", "panyu-grid-centre", "public-security", "tax"] {
            expected += grantsLog.map { "User:\(department) \($0)" }
            expected += ["User:\(department) allow read topic ctl.identities", "User:\(department) allow describe topic ctl.identities"]
            expected += ["read", "write", "describe"].map { "User:\(department) allow \($0) topic ctl.licences" }
        }
        expected += [
            "User:public-security allow write topic src.household-registration", "User:public-security allow describe topic src.household-registration",
            "User:civil-affairs allow write topic src.marriage", "User:civil-affairs allow describe topic src.marriage",
            "User:civil-affairs allow read topic sub.civil-affairs", "User:civil-affairs allow describe topic sub.civil-affairs",
            "User:civil-affairs allow read group shuniu-sub.civil-affairs",
            "User:market-regulation allow write topic src.enterprise-registration", "User:market-regulation allow describe topic src.enterprise-registration",
            "User:tax allow write topic src.tax-audit-notes", "User:tax allow describe topic src.tax-audit-notes",
            "User:panyu-grid-centre allow read topic sub.panyu-grid-centre", "User:panyu-grid-centre allow describe topic sub.panyu-grid-centre",
            "User:panyu-grid-centre allow read group shuniu-sub.panyu-grid-centre",
            "User:shuniu-router allow read topic src.*", "User:shuniu-router allow describe topic src.*",
            "User:shuniu-router allow write topic sub.*", "User:shuniu-router allow describe topic sub.*",
            "User:shuniu-router allow write topic dlq.*", "User:shuniu-router allow describe topic dlq.*",
            "User:shuniu-router allow read topic audit.exchange", "User:shuniu-router allow write topic audit.exchange",
            "User:shuniu-router allow describe topic audit.exchange",
            "User:shuniu-router allow read topic ctl.grants", "User:shuniu-router allow describe topic ctl.grants",
            "User:shuniu-router allow read topic ctl.identities", "User:shuniu-router allow describe topic ctl.identities",
            "User:shuniu-router allow read group shuniu-router",
            "User:shuniu-router allow write transactional-id shuniu-router-*", "User:shuniu-router allow describe transactional-id shuniu-router-*",
            "User:shuniu-router allow create cluster kafka-cluster", "User:shuniu-router allow describe cluster kafka-cluster",
            "User:shuniu-projector allow read topic src.*", "User:shuniu-projector allow describe topic src.*",
            "User:shuniu-projector allow read topic ctl.identities", "User:shuniu-projector allow describe topic ctl.identities",
            "User:shuniu-api allow read topic ctl.grants", "User:shuniu-api allow write topic ctl.grants",
            "User:shuniu-api allow describe topic ctl.grants",
            "User:shuniu-api allow read topic ctl.identities", "User:shuniu-api allow describe topic ctl.identities",
            "User:shuniu-api allow read topic audit.access", "User:shuniu-api allow write topic audit.access",
            "User:shuniu-api allow describe topic audit.access",
        ]
        #expect(plan.count == Set(plan).count)
        #expect(Set(plan) == Set(expected), "extra: \(Set(plan).subtracting(expected).sorted()), missing: \(Set(expected).subtracting(plan).sorted())")
    }

    @Test func noDepartmentWritesAThemeItDoesNotOwnOrReadsAnotherDepartmentsTopic() throws {
        let plan = AclPlan.entries(catalogue: catalogue, grants: try grants())
        for department in catalogue.departments {
            let who = AclPlan.principal(department.id)
            for theme in catalogue.themes {
                #expect(AclPlan.allows(plan, principal: who, .write, topic: Topics.source(theme.id)) == (theme.provider == department.id),
                        "\(department.id) writing src.\(theme.id)")
                #expect(!AclPlan.allows(plan, principal: who, .read, topic: Topics.source(theme.id)), "\(department.id) reading src.\(theme.id)")
            }
            for other in catalogue.departments {
                #expect(!AclPlan.allows(plan, principal: who, .write, topic: Topics.subscriber(other.id)), "\(department.id) writing sub.\(other.id)")
                if other.id != department.id {
                    #expect(!AclPlan.allows(plan, principal: who, .read, topic: Topics.subscriber(other.id)), "\(department.id) reading sub.\(other.id)")
                }
            }
            #expect(!AclPlan.allows(plan, principal: who, .write, topic: Topics.audit))
            #expect(!AclPlan.allows(plan, principal: who, .read, topic: Topics.audit))
        }
        // Without a grant in force, not even its own topic.
        #expect(!AclPlan.allows(plan, principal: "User:public-security", .read, topic: "sub.public-security"))
        #expect(!AclPlan.allows(plan, principal: "User:icbc", .read, topic: "sub.icbc"))
    }

    @Test func aRevokedGrantTakesAwayTheReadAndApplyRemovesStaleEntries() throws {
        var table = try grants()
        let before = AclPlan.entries(catalogue: catalogue, grants: table)
        let revoke = try GrantWorkflow(catalogue: catalogue).revoke("g-2", by: "panyu-grid-centre", reason: "case closed",
                                                                     at: "2025-02-01T00:00:00Z", table: table)
        #expect(table.apply(revoke, catalogue: catalogue) == nil)
        let after = AclPlan.entries(catalogue: catalogue, grants: table)
        // An entry someone else made for an unmanaged principal stays; a stale managed one goes.
        let admin = AclBinding(principal: "User:ops-admin", resourceType: .cluster, resourceName: "kafka-cluster", operation: .all)
        let forged = AclBinding(principal: "User:tax", resourceType: .topic, resourceName: "sub.civil-affairs", operation: .read)
        let change = AclPlan.diff(plan: after, current: before + [admin, forged], managed: AclPlan.managedPrincipals(catalogue))
        #expect(change.create.isEmpty)
        #expect(change.delete.map(\.description) == [
            "User:panyu-grid-centre allow read group shuniu-sub.panyu-grid-centre",
            "User:panyu-grid-centre allow describe topic sub.panyu-grid-centre",
            "User:panyu-grid-centre allow read topic sub.panyu-grid-centre",
            "User:tax allow read topic sub.civil-affairs",
        ])
        let fresh = AclPlan.diff(plan: after, current: [], managed: AclPlan.managedPrincipals(catalogue))
        #expect(fresh.create == after)
        #expect(fresh.delete.isEmpty)
    }
}
