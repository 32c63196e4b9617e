import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams
import Testing

/// The router as a separate process (`shuniu router`), killed with SIGKILL and restarted, and
/// two routers sharing the work through a rebalance.
@Suite(.serialized) struct RouterCrashTests {
    let catalogue = RoutingScenario.catalogue
    let theme = RoutingScenario.catalogue.theme("household-registration")!

    func startRouter(_ broker: TestBroker, log: String, metricsPort: Int = 0) throws -> pid_t {
        try ChildProcess.spawn([ShuniuBinary.url.path, "router", "--bootstrap", broker.bootstrap,
                                "--catalog", TestBroker.root.appendingPathComponent("topics").path, "--batch-size", "2000",
                                "--metrics-port", String(metricsPort)],
                               environment: ["SHUNIU_SECRET": RouterHarness.secretText, "SHUNIU_LOG_LEVEL": "warning"], output: log)
    }

    func setUp(_ broker: TestBroker, subscribers: [String]) async throws -> [(id: String, application: GrantApplication)] {
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        let grants = subscribers.enumerated().map { index, subscriber in
            (id: "g-\(index)", application: GrantApplication(
                subscriber: subscriber, theme: theme.id, function: catalogue.department(subscriber)!.functions.first(where: theme.entitles)!,
                basis: "依职能共享", fields: ["name", "district", "registration_status"], masks: ["citizen_id": "partial"]))
        }
        let log = try GrantLog(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret)
        let workflow = GrantWorkflow(catalogue: catalogue)
        for (id, application) in grants {
            try await log.append(try workflow.apply(application, id: id, at: "2025-01-01T00:00:00Z", table: await log.table))
            try await log.catchUp()
        }
        await log.close()
        return grants
    }

    func produce(_ events: [ChangeEvent], broker: TestBroker) async throws {
        let producer = try KafkaProducer(config: ProducerConfig(client: broker.client))
        for start in stride(from: 0, to: events.count, by: 10_000) {
            let reports = try await producer.send(events[start..<min(start + 10_000, events.count)].map { ProducerRecord(event: $0) })
            #expect(reports.firstError == nil)
        }
        await producer.close()
    }

    /// Per subscriber: the set of ce_ids received, and how many records repeated one.
    func deliveries(_ subscribers: [String], broker: TestBroker) async throws -> (ids: [String: Set<String>], duplicates: Int) {
        var ids: [String: Set<String>] = [:]
        var duplicates = 0
        for subscriber in subscribers {
            for message in try await Broker.readAll(Topics.subscriber(subscriber), client: broker.client) {
                let id = String(decoding: message.headers.value(named: "ce_id") ?? [], as: UTF8.self)
                if !ids[subscriber, default: []].insert(id).inserted { duplicates += 1 }
            }
        }
        return (ids, duplicates)
    }

    func auditVerifier(_ broker: TestBroker) async throws -> AuditVerifier {
        var verifier = AuditVerifier(key: .test)
        for message in try await Broker.readAll(Topics.audit, client: broker.client).sorted(by: { ($0.partition, $0.offset) < ($1.partition, $1.offset) }) {
            verifier.check(message.value, position: "\(message.partition)/\(message.offset)")
        }
        return verifier
    }

    @Test func killedRouterLosesNothingAndDuplicatesOnlyWithTheSameID() async throws {
        let broker = try TestBroker()
        let subscribers = ["housing-construction", "civil-affairs", "human-resources-social-security"]
            .filter { catalogue.department($0)?.functions.contains(where: theme.entitles) == true }
        #expect(subscribers.count >= 2)
        let grants = try await setUp(broker, subscribers: subscribers)
        var scenario = RoutingScenario(seed: 11, subjects: 5_000)
        let events = (0..<100_000).map { _ in scenario.event(theme, deletes: false) }
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("router-kill-\(broker.port).log").path
        var router = try startRouter(broker, log: logFile)
        async let produced: Void = produce(events, broker: broker)
        var kills = 0
        var random = ScenarioRandom(seed: UInt64(Date().timeIntervalSince1970))
        let progress = RouterProgress(broker: broker, groupID: "shuniu-router")
        for _ in 0..<3 {
            // Kill at a random moment after the restarted router has committed more work.
            let before = try await progress.committedTotal(themes: [theme])
            while try await progress.committedTotal(themes: [theme]) == before { try await Task.sleep(for: .milliseconds(100)) }
            try await Task.sleep(for: .milliseconds(random.int(0..<1_500)))
            kill(router, SIGKILL)
            ChildProcess.wait(router)
            kills += 1
            router = try startRouter(broker, log: logFile)
        }
        try await produced
        try await progress.waitUntilRouted(themes: [theme], timeout: .seconds(240))
        kill(router, SIGTERM)
        #expect(ChildProcess.wait(router) == 0, "a graceful stop exits 0")

        let received = try await deliveries(subscribers, broker: broker)
        for (id, application) in grants {
            let subscriber = application.subscriber
            let all = Set(events.map { RouterHarness.deliveredID($0.id, grant: id, subscriber: subscriber) })
            #expect(received.ids[subscriber] == all, "\(subscriber): \(all.subtracting(received.ids[subscriber] ?? []).count) missing")
        }
        let verifier = try await auditVerifier(broker)
        #expect(verifier.isIntact, "\(verifier.breaks.first.map(\.description) ?? "")")
        print("kill -9 x\(kills): \(events.count) events, \(received.duplicates) duplicate deliveries (same ce_id), \(verifier.records) audit records, \(verifier.duplicates) repeated")
    }

    @Test func twoRoutersShareTheWorkThroughARebalanceWithChainsIntact() async throws {
        let broker = try TestBroker()
        let subscribers = ["housing-construction", "civil-affairs"]
        let grants = try await setUp(broker, subscribers: subscribers)
        var scenario = RoutingScenario(seed: 5, subjects: 2_000)
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("router-pair-\(broker.port).log").path
        let metricsPort = TestBroker.freePort()
        let first = try startRouter(broker, log: logFile, metricsPort: metricsPort)
        let batches = (0..<3).map { _ in (0..<10_000).map { _ in scenario.event(theme, deletes: false) } }
        try await produce(batches[0], broker: broker)
        let progress = RouterProgress(broker: broker, groupID: "shuniu-router")
        try await progress.waitUntilRouted(themes: [theme], timeout: .seconds(120))
        let second = try startRouter(broker, log: logFile)
        try await Task.sleep(for: .seconds(5))
        try await produce(batches[1], broker: broker)
        try await progress.waitUntilRouted(themes: [theme], timeout: .seconds(120))
        let scraped = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(metricsPort).txt").path
        ChildProcess.wait(try ChildProcess.spawn(["/usr/bin/curl", "-s", "http://127.0.0.1:\(metricsPort)/metrics"], output: scraped))
        let metrics = (try? String(contentsOfFile: scraped, encoding: .utf8)) ?? ""
        #expect(metrics.contains("# TYPE shuniu_router_delivered_total counter"))
        #expect(metrics.contains("shuniu_router_published_total{provider=\"public-security\"}"))
        kill(first, SIGTERM)
        #expect(ChildProcess.wait(first) == 0)
        try await produce(batches[2], broker: broker)
        try await progress.waitUntilRouted(themes: [theme], timeout: .seconds(120))
        kill(second, SIGTERM)
        #expect(ChildProcess.wait(second) == 0)

        let received = try await deliveries(subscribers, broker: broker)
        for (id, application) in grants {
            let all = Set(batches.flatMap { $0 }.map { RouterHarness.deliveredID($0.id, grant: id, subscriber: application.subscriber) })
            #expect(received.ids[application.subscriber] == all)
        }
        let verifier = try await auditVerifier(broker)
        #expect(verifier.isIntact, "\(verifier.breaks.first.map(\.description) ?? "")")
        #expect(Set(verifier.heads.keys.map { $0.split(separator: "#")[0] }).count == theme.partitions, "one chain per source partition")
        let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        let errors = log.split(separator: "\n").filter { $0.split(separator: " ").dropFirst().first == "error" }
        #expect(errors.isEmpty, "router errors: \(errors.prefix(3))")
    }

    /// A subject held by a scoped grant's subscriber before a kill -9 still gets its
    /// `left-scope` delete when it leaves the scope after the restart: the new router rebuilds
    /// the scope memory from the audit.
    @Test func aSubjectThatLeavesTheScopeAfterAKillStillGetsItsLeftScopeDelete() async throws {
        let broker = try TestBroker()
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        let application = GrantApplication(subscriber: "panyu-grid-centre", theme: theme.id, function: "grid-management",
                                            basis: "网格化服务管理办法", fields: ["name", "district"],
                                            masks: ["citizen_id": "partial"], scope: ["district": ["panyu"]])
        let log = try GrantLog(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret)
        let workflow = GrantWorkflow(catalogue: catalogue)
        try await log.append(try workflow.apply(application, id: "g-grid", at: "2025-01-01T00:00:00Z", table: await log.table))
        try await log.catchUp()
        #expect(await log.table.grant("g-grid")?.state == .approved)
        await log.close()

        var scenario = RoutingScenario(seed: 21, subjects: 200)
        var first: [ChangeEvent] = []
        var movers: [String: ChangeEvent] = [:]
        while movers.count < 20 || first.count < 2_000 {
            var event = scenario.event(theme, deletes: false)
            var row = try Row.parse(bytes: event.value)
            row["district"] = .string("panyu")
            event.value = row.serialized()
            first.append(event)
            movers[event.subject] = event
        }
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("router-scope-\(broker.port).log").path
        let progress = RouterProgress(broker: broker, groupID: "shuniu-router")
        var router = try startRouter(broker, log: logFile)
        try await produce(first, broker: broker)
        try await progress.waitUntilRouted(themes: [theme], timeout: .seconds(180))
        kill(router, SIGKILL)
        ChildProcess.wait(router)

        // After the kill every held subject moves to Tianhe: each must be deleted at Panyu.
        let moved = movers.values.map { held -> ChangeEvent in
            var event = scenario.event(theme, deletes: false)
            event.subject = held.subject
            event.key = held.subject
            event.sequence = held.sequence + 1000
            event.id = "\(theme.id)/\(held.subject)/moved"
            var row = (try? Row.parse(bytes: event.value)) ?? Row()
            row["citizen_id"] = .string(held.subject)
            row["district"] = .string("tianhe")
            event.value = row.serialized()
            return event
        }
        router = try startRouter(broker, log: logFile)
        try await produce(moved, broker: broker)
        try await progress.waitUntilRouted(themes: [theme], timeout: .seconds(180))
        kill(router, SIGTERM)
        #expect(ChildProcess.wait(router) == 0)

        var deletes: Set<String> = []
        for message in try await Broker.readAll(Topics.subscriber("panyu-grid-centre"), client: broker.client) {
            let header = { (name: String) in message.headers.value(named: name).map { String(decoding: $0, as: UTF8.self) } }
            if header("shuniu_reason") == "left-scope" {
                #expect(header("ce_type") == "\(theme.id).deleted")
                #expect(message.value.isEmpty)
                deletes.insert(header("ce_id") ?? "")
            }
        }
        let expected = Set(moved.map { RouterHarness.deliveredID($0.id, grant: "g-grid", subscriber: "panyu-grid-centre", leftScope: true) })
        #expect(deletes == expected, "\(expected.subtracting(deletes).count) of \(expected.count) left-scope deletes missing")
    }
}
