import Foundation
import ShuniuAudit
import ShuniuKafka
import ShuniuModel
import ShuniuStreams
import Testing

/// `shuniu trace` on a real broker: a city routed to two departments, their `shuniu subscribe`
/// output files, and files cut from them (shuffled, columns dropped and renamed, as CSV)
/// traced back to the department and grant; fabricated rows to nobody.
@Suite(.serialized) struct LeakTraceTests {
    let catalogue = RoutingScenario.catalogue
    let theme = "household-registration"

    /// One routed city and each department's subscriber output (JSON Lines rows).
    func routedCity() async throws -> (TestBroker, URL, [String: [Row]]) {
        let broker = try TestBroker()
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        let log = try GrantLog(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret)
        try await RouterTests().grant([
            ("g-civil", GrantApplication(subscriber: "civil-affairs", theme: theme, function: "social-assistance",
                                         basis: "社会救助暂行办法", fields: ["name", "district", "address"], masks: ["citizen_id": "pseudonym"])),
            ("g-grid", GrantApplication(subscriber: "panyu-grid-centre", theme: theme, function: "grid-management",
                                        basis: "网格化服务管理办法", fields: ["name", "district", "address"], masks: ["citizen_id": "partial"],
                                        scope: ["district": ["panyu"]])),
        ], log: log)
        await log.close()
        var scenario = RoutingScenario(seed: 31, subjects: 60)
        let source = try #require(catalogue.theme(theme))
        try await RouterTests().publish((0..<400).map { _ in scenario.event(source, deletes: false) }, client: broker.client)
        let router = RouterHarness(broker: broker)
        try await router.waitUntilRouted(themes: [source])
        try await router.stop()

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trace-it-\(broker.port)")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var outputs: [String: [Row]] = [:]
        for department in ["civil-affairs", "panyu-grid-centre"] {
            let file = directory.appendingPathComponent("\(department).jsonl").path
            let pid = try SubscriberProcess.start(broker, department: department, output: ["--out", file], follow: false,
                                                  log: directory.appendingPathComponent("\(department).log").path)
            #expect(ChildProcess.wait(pid) == 0)
            // Upserts only: a delete (a row that left the grid's scope) carries no row.
            outputs[department] = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
                .map { try Row.parse(bytes: Array($0.utf8)) }.filter { $0["_action"] == "upserted" }
            #expect(outputs[department]?.isEmpty == false)
        }
        return (broker, directory, outputs)
    }

    /// Rows as a CSV file: the subscriber's `_…` columns and `drop` removed, columns renamed.
    func csv(_ rows: [Row], drop: Set<String>, to path: String) throws {
        let names = (rows.first?.names ?? []).filter { !$0.hasPrefix("_") && !drop.contains($0) }
        var text = names.map { "列_\($0)" }.joined(separator: ",") + "\n"
        for row in rows {
            text += names.map { row[$0].flatMap(LeakValue.text) ?? "" }.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func trace(_ path: String, _ broker: TestBroker) async throws -> LeakReport {
        try await LeakTrace.run(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret, themes: [theme],
                                file: try LeakFile.read(path: path))
    }

    @Test func filesCutFromSubscriberOutputAreTracedAndFabricatedRowsAreNot() async throws {
        let (broker, directory, outputs) = try await routedCity()
        let civil = try #require(outputs["civil-affairs"]).shuffled()
        let grid = try #require(outputs["panyu-grid-centre"]).shuffled()

        // One department's rows, shuffled, the district column dropped, the header renamed.
        let civilFile = directory.appendingPathComponent("civil.csv").path
        try csv(Array(civil.prefix(40)), drop: ["district"], to: civilFile)
        let one = try await trace(civilFile, broker)
        #expect(one.rows == 40 && one.traced == 40 && one.unmatched == 0, "\(one.rowTraces.filter { $0.match == .none }.prefix(3))")
        #expect(one.departments == ["civil-affairs"] && one.sources.map(\.grant) == ["g-civil"])
        #expect(one.sources.first?.firstDelivered != nil && one.sources.first?.themes == [theme])

        // The masked (partial) IDs, names and addresses of the grid centre, without pseudonyms.
        let gridFile = directory.appendingPathComponent("grid.csv").path
        try csv(Array(grid.prefix(25)), drop: ["district"], to: gridFile)
        let masked = try await trace(gridFile, broker)
        #expect(masked.traced == 25 && masked.departments == ["panyu-grid-centre"] && masked.sources.first?.byValues == 25)

        // A mix of both departments' rows: both named. Raw JSON lines match by digest.
        let mixFile = directory.appendingPathComponent("mix.jsonl").path
        let lines = (Array(civil.suffix(10)) + Array(grid.suffix(6))).shuffled().map { String(decoding: $0.serialized(), as: UTF8.self) }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: mixFile))
        let mix = try await trace(mixFile, broker)
        #expect(mix.traced == 16 && Set(mix.departments) == ["civil-affairs", "panyu-grid-centre"])
        #expect(mix.sources.first { $0.department == "civil-affairs" }?.byDigest == 10)
        #expect(mix.sources.first { $0.department == "panyu-grid-centre" }?.rows == 6)

        // Fabricated rows, in the shape of the grid centre's: nobody.
        let fakeFile = directory.appendingPathComponent("fake.csv").path
        var fake = "身份证,姓名,住址\n"
        for n in 0..<20 { fake += "440113********\(9_100 + n),伪造-\(n),深圳市福田区某路\(n)号\n" }
        try Data(fake.utf8).write(to: URL(fileURLWithPath: fakeFile))
        let nobody = try await trace(fakeFile, broker)
        #expect(nobody.traced == 0 && nobody.unmatched == 20)

        // The command: exit 0 naming the department and grant; exit 3 for the fabricated file.
        let catalog = TestBroker.root.appendingPathComponent("topics").path
        let traced = try AuditOpsTests().runShuniu(["trace", civilFile, "--theme", theme, "--bootstrap", broker.bootstrap, "--catalog", catalog])
        #expect(traced.code == 0 && traced.output.contains("40 traced to civil-affairs under grant g-civil"), "\(traced.output)")
        let none = try AuditOpsTests().runShuniu(["trace", fakeFile, "--theme", theme, "--bootstrap", broker.bootstrap, "--catalog", catalog])
        #expect(none.code == 3 && none.output.contains("20 row(s) match no delivery"), "\(none.output)")
    }
}
