import Foundation
import Testing
import ShuniuModel

/// The notice delay of investigative grants: only the catalogue's notice-delay functions may
/// declare one, within 1...730 days; the delay travels in the application's JSON and an
/// application without one keeps its bytes.
@Suite("Notice delay", .enabled(if: RepositoryCatalogue.exists, "no topics/ in this checkout"))
struct NoticeDelayTests {
    let catalogue: Catalogue
    let workflow: GrantWorkflow

    init() throws {
        catalogue = try CatalogueLoader.load(directory: RepositoryCatalogue.directory)
        workflow = GrantWorkflow(catalogue: catalogue)
    }

    func application(function: String, subscriber: String = "public-security", delay: Int?) -> GrantApplication {
        GrantApplication(subscriber: subscriber, theme: "social-insurance", function: function, basis: "刑事诉讼法 第五十四条",
                         fields: ["monthly_pension"], noticeDelayDays: delay)
    }

    func refusal(_ application: GrantApplication) -> GrantRefusal? {
        do { _ = try workflow.apply(application, id: "g-delay", at: "2026-12-01T09:00:00Z", table: GrantTable()) } catch { return error }
        return nil
    }

    @Test func theCatalogueNamesTheInvestigativeFunctions() {
        #expect(catalogue.noticeDelayFunctions == ["criminal-investigation", "labour-inspection"])
    }

    @Test func onlyInvestigativeFunctionsWithinBoundsMayDelay() {
        #expect(refusal(application(function: "criminal-investigation", delay: 30)) == nil)
        #expect(refusal(application(function: "criminal-investigation", delay: 730)) == nil)
        #expect(refusal(application(function: "criminal-investigation", delay: nil)) == nil)
        #expect(refusal(application(function: "criminal-investigation", delay: 0))?.code == .badNoticeDelay)
        #expect(refusal(application(function: "criminal-investigation", delay: 731))?.code == .badNoticeDelay)
        #expect(refusal(application(function: "criminal-investigation", delay: Int.min))?.code == .badNoticeDelay)
        let housing = application(function: "housing-security", subscriber: "housing-construction", delay: 30)
        #expect(refusal(housing)?.code == .badNoticeDelay, "housing security is not investigative")
    }

    @Test func theDelayTravelsInTheJSONAndIsAbsentWithoutOne() throws {
        let delayed = application(function: "criminal-investigation", delay: 30)
        let bytes = try JSONEncoder().encode(delayed)
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"noticeDelayDays\":30"))
        #expect(try JSONDecoder().decode(GrantApplication.self, from: bytes) == delayed)
        let plain = try JSONEncoder().encode(application(function: "criminal-investigation", delay: nil))
        #expect(!String(decoding: plain, as: UTF8.self).contains("noticeDelay"))
    }

    @Test func aFunctionHeldByNoDepartmentIsADiagnostic() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: RepositoryCatalogue.directory, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("departments.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "notice-delay-functions: [criminal-investigation, labour-inspection]",
                                  with: "notice-delay-functions: [criminal-investigation, mind-reading]")
        try text.write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try CatalogueLoader.load(directory: folder)
            Issue.record("a notice-delay function no department holds was accepted")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains("'mind-reading' is held by no department") }, "\(error)")
        }
    }
}
