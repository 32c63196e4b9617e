import Foundation
import ShuniuAudit
import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams
import Testing

/// Audit for ops on a real broker: the access audit's segments, verify, who-received, replay
/// and evaluate over a routed scenario, and the injected faults each must find.
@Suite(.serialized) struct AuditOpsTests {
    let catalogue = RoutingScenario.catalogue

    @Test func theAccessAuditContinuesItsChainInANewSegmentAfterReopening() async throws {
        let broker = try TestBroker()
        let subject = CitizenID.make(region: "440113", year: 1985, month: 5, day: 5, sequence: 123).value
        func read(_ index: Int) -> AccessEvent {
            AccessEvent(channel: "api", outcome: index % 4 == 3 ? .notFound : .read, department: "housing-construction",
                        subject: subject, theme: "marriage", grantID: "g-m", basis: "住房保障", purpose: "req-\(index)",
                        fields: ["status"], value: Array("{\"status\":\"married\"}".utf8), time: "2025-07-0\(index % 9 + 1)T10:00:00Z")
        }
        let first = try await AccessAuditLog.open(client: broker.client, instance: "api-1", key: .test)
        try await first.record((0..<5).map(read)).reports().firstError.map { throw $0 }
        await first.close()
        let second = try await AccessAuditLog.open(client: broker.client, instance: "api-1", key: .test)
        try await second.record((5..<8).map(read)).reports().firstError.map { throw $0 }
        await second.close()

        let verification = try await AuditVerification.read(client: broker.client, key: .test, topics: [Topics.access])
        let log = try #require(verification.logs.first)
        #expect(verification.isIntact, "\(verification.breaks)")
        #expect(log.records == 8 && log.chains == 1 && log.segments == 2)
        let records = try await Broker.readAll(Topics.access, client: broker.client).map { try Row.parse(bytes: $0.value) }
        let opening = try #require(records.first { $0["chain"]?.stringValue == "access/api-1#1" && $0["seq"]?.numberText == "1" })
        #expect(opening["continues"]?.stringValue == "#0@5")

        var ledger = ReceiptLedger(subject: try SubjectID(validating: subject))
        try await TopicScan(client: broker.client).scan(Topics.access) { ledger.add($0.value, topic: $0.topic, partition: $0.partition, offset: $0.offset) }
        #expect(ledger.receipts.count == 8)
        #expect(ledger.receipts.filter { $0.outcome == "read" }.count == 6)
    }

    @Test func verifyWhoReceivedReplayAndEvaluateOverARoutedScenario() async throws {
        let broker = try TestBroker()
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        let themes = ["household-registration", "marriage"].map { catalogue.theme($0)! }
        let grants: [(id: String, application: GrantApplication)] = [
            ("g-grid", GrantApplication(subscriber: "panyu-grid-centre", theme: "household-registration", function: "grid-management",
                                        basis: "网格化服务管理办法", fields: ["name", "district", "address"], masks: ["citizen_id": "partial"],
                                        scope: ["district": ["panyu"]])),
            ("g-civil", GrantApplication(subscriber: "civil-affairs", theme: "household-registration", function: "social-assistance",
                                         basis: "社会救助暂行办法", fields: ["name", "district"], masks: ["citizen_id": "pseudonym"])),
            ("g-housing", GrantApplication(subscriber: "housing-construction", theme: "marriage", function: "housing-security",
                                           basis: "住房保障", fields: ["status"])),
        ]
        let log = try GrantLog(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret)
        try await RouterTests().grant(grants, log: log)
        await log.close()
        var scenario = RoutingScenario(seed: 11, subjects: 40)
        let events = (0..<1_500).map { _ in scenario.event(themes[scenario.random.int(0..<themes.count)]) }
        try await RouterTests().publish(events, client: broker.client)
        let router = RouterHarness(broker: broker)
        try await router.waitUntilRouted(themes: themes)
        try await router.stop()

        // verify: intact, one record per routed source record.
        let clean = try await AuditVerification.read(client: broker.client, key: .test)
        #expect(clean.isIntact, "\(clean.breaks.prefix(3))")
        let audited = try await Broker.readAll(Topics.audit, client: broker.client)
        #expect(clean.logs[0].records == audited.count && audited.count == events.count,
                "every event has a grant in force here, and each source record has one audit record of all its decisions")

        // who-received: exactly what the subscriber topics hold for the subject. Keys and
        // ce_ids of deliveries are the departments' pseudonyms, so each delivery is traced to
        // its source record through shuniu_source.
        var sources: [String: ChangeEvent] = [:]
        for theme in themes {
            for message in try await Broker.readAll(Topics.source(theme.id), client: broker.client) {
                sources["\(message.topic)/\(message.partition)/\(message.offset)"] = try? message.changeEvent()
            }
        }
        var delivered: [String: Set<String>] = [:]
        for department in ["panyu-grid-centre", "civil-affairs", "housing-construction"] {
            for message in try await Broker.readAll(Topics.subscriber(department), client: broker.client) {
                let position = String(decoding: message.headers.value(named: "shuniu_source") ?? [], as: UTF8.self)
                let source = try #require(sources[position])
                let line = [department, source.id,
                            String(decoding: message.headers.value(named: "shuniu_grant") ?? [], as: UTF8.self)].joined(separator: " ")
                delivered[source.subject, default: []].insert(line)
            }
        }
        let busiest = try #require(delivered.max { $0.value.count < $1.value.count })
        var ledger = ReceiptLedger(subject: try SubjectID(validating: busiest.key))
        try await TopicScan(client: broker.client).scan([Topics.audit, Topics.access]) {
            ledger.add($0.value, topic: $0.topic, partition: $0.partition, offset: $0.offset)
        }
        let listed = Set(ledger.receipts.map { "\($0.department) \($0.via.split(separator: " ").first ?? "") \($0.grant ?? "")" })
        #expect(listed == busiest.value)
        #expect(ledger.receipts.allSatisfy { $0.basis != nil && !$0.time.isEmpty })

        // replay: no difference on a clean run, for each theme.
        for theme in themes {
            let report = try await RoutingReplay.run(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret, theme: theme.id)
            #expect(report.isClean, "\(theme.id): \(report.differences.prefix(3))")
            #expect(report.records == events.filter { $0.theme == theme.id }.count)
            #expect(report.received > 0 && report.unsealedAuditRecords == 0)
        }
        // With another secret the hub and audit keys differ too: no grant step verifies and no
        // audit record is sealed by that hub, so nothing any department holds is confirmed.
        let wrongSecret = try await RoutingReplay.run(client: broker.client, catalogue: catalogue, secret: .ephemeral(),
                                                      theme: "household-registration")
        #expect(!wrongSecret.isClean && wrongSecret.differences.allSatisfy { [.unsealedAudit, .receivedWithoutAudit].contains($0.kind) })
        let householdAudit = audited.filter { $0.key.map { String(decoding: $0, as: UTF8.self) }?.hasPrefix("src.household-registration/") == true }
        #expect(wrongSecret.unsealedAuditRecords == householdAudit.count && householdAudit.count > 100)
        #expect(wrongSecret.differences.filter { $0.kind == .receivedWithoutAudit }.count == wrongSecret.received)
        #expect(wrongSecret.differences.contains { $0.kind == .unsealedAudit && $0.recorded?.subscriber.isEmpty == false },
                "an unsealed record still shows what it states")

        // evaluate: published by provider, received by subscriber, subscriptions.
        let counts = try await ExchangeCounts.read(client: broker.client, catalogue: catalogue, year: nil)
        let evaluation = Evaluation(catalogue: catalogue, counts: counts, grants: try await grantTable(broker))
        func department(_ id: String) -> Evaluation.Department? { evaluation.departments.first { $0.id == id } }
        #expect(department("public-security")?.published == events.filter { $0.theme == "household-registration" }.count)
        #expect(department("civil-affairs")?.published == events.filter { $0.theme == "marriage" }.count)
        #expect(department("public-security")?.subscriptionsServed == 2 && department("civil-affairs")?.subscriptionsHeld == 1)
        for id in ["panyu-grid-centre", "civil-affairs", "housing-construction"] {
            let received = delivered.values.map { $0.filter { $0.hasPrefix(id + " ") }.count }.reduce(0, +)
            #expect(department(id)?.received == received, "\(id)")
        }
        #expect(evaluation.days.map(\.totals.published).reduce(0, +) == events.count)
    }

    @Test func forgedAndTamperedAuditRecordsAreFoundByVerifyReplayAndTheCommand() async throws {
        let broker = try TestBroker()
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        let theme = catalogue.theme("marriage")!
        let log = try GrantLog(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret)
        try await RouterTests().grant([("g-housing", GrantApplication(subscriber: "housing-construction", theme: "marriage",
                                                                      function: "housing-security", basis: "住房保障", fields: ["status"]))], log: log)
        await log.close()
        var scenario = RoutingScenario(seed: 5, subjects: 20)
        let events = (0..<200).map { _ in scenario.event(theme, deletes: false) }
        try await RouterTests().publish(events, client: broker.client)
        let router = RouterHarness(broker: broker)
        try await router.waitUntilRouted(themes: [theme])
        try await router.stop()
        #expect(try await runVerify(broker) == 0)

        // A forged delivery by a writer who holds the hub secret (without it the MAC gives it
        // away: AuditKeyTests): a well-formed record in a segment of its own, claiming that tax
        // received the first marriage record.
        let original = try #require(try await Broker.readAll(Topics.audit, client: broker.client).first {
            (try? Row.parse(bytes: $0.value))?["source"]?.stringValue?.hasSuffix("/0") == true
        })
        let row = try Row.parse(bytes: original.value)
        var chain = AuditChain(key: .test)
        let base = String(row["chain"]!.stringValue!.split(separator: "#")[0])
        chain.takeOver(seen: ["\(base)#4": (1, AuditChain.genesis)])
        var fields = row.fields.filter { !["chain", "seq", "prev", "continues", "hash", "mac"].contains($0.name) }
        for index in fields.indices {
            if fields[index].name.hasSuffix("subscriber") { fields[index].value = .string("tax") }
            if fields[index].name.hasSuffix("grant") { fields[index].value = .string("g-forged") }
        }
        let forged = chain.seal(chain: base, fields: fields)
        // A tampered copy of an existing record: its subscriber changed, its hash kept.
        let tampered = String(decoding: original.value, as: UTF8.self).replacingOccurrences(of: "housing-construction", with: "public-security")
        // Deliveries injected past the router: an exact copy of a housing delivery written to
        // tax's topic, and a bare record with no envelope.
        let delivery = try #require(try await Broker.readAll(Topics.subscriber("housing-construction"), client: broker.client).first)
        let producer = try KafkaProducer(config: ProducerConfig(client: broker.client))
        #expect(try await producer.send([
            ProducerRecord(topic: Topics.audit, key: Array(forged.segment.utf8), value: forged.record),
            ProducerRecord(topic: Topics.audit, key: original.key, value: Array(tampered.utf8)),
            ProducerRecord(topic: Topics.subscriber("tax"), key: delivery.key, value: delivery.value, headers: delivery.headers),
            ProducerRecord(topic: Topics.subscriber("tax"), key: Array("x".utf8), value: Array("{}".utf8)),
        ]).firstError == nil)
        await producer.close()

        let verification = try await AuditVerification.read(client: broker.client, key: .test)
        let problems = verification.breaks.map(\.problem)
        #expect(problems.contains { $0.contains("altered") })
        #expect(problems.contains { $0.contains("segment missing") })
        #expect(try await runVerify(broker) == 1)

        let report = try await RoutingReplay.run(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret, theme: theme.id)
        let source = row["source"]!.stringValue!
        #expect(report.differences.contains { $0.kind == .auditWithoutDelivery && $0.source == source && $0.recorded?.subscriber == "tax" })
        #expect(report.differences.contains { $0.kind == .unsealedAudit && $0.recorded?.subscriber == "public-security" })
        #expect(report.unsealedAuditRecords == 1 && report.received == 201 && report.receivedUnattributed == 1)
        let injected = report.differences.filter { $0.kind == .receivedWithoutAudit }.compactMap(\.received)
        #expect(injected.count == 2 && injected.allSatisfy { $0.hasPrefix("sub.tax ") }, "\(injected)")

        // The commands: replay exits 1 naming the forged delivery; a bad subject id is refused with the fix.
        let replay = try runShuniu(["replay", "--theme", "marriage", "--bootstrap", broker.bootstrap, "--catalog", TestBroker.root.appendingPathComponent("topics").path])
        #expect(replay.code == 1 && replay.output.contains("audit-without-delivery") && replay.output.contains("delivered to tax under g-forged"), "\(replay.output)")
        #expect(replay.output.contains("received-without-audit: sub.tax ") && replay.output.contains("unsealed-audit"), "\(replay.output)")
        var badID = row["subject"]!.stringValue!
        badID.removeLast()
        badID.append(row["subject"]!.stringValue!.hasSuffix("1") ? "2" : "1")
        let refused = try runShuniu(["audit", "who-received", badID, "--bootstrap", broker.bootstrap])
        #expect(refused.code != 0 && refused.output.contains("neither a citizen ID number") && refused.output.contains("check character"), "\(refused.output)")
    }

    /// A revocation and a new grant land while the router is routing a stream of events:
    /// replay must still find no difference (each record matches a grant prefix between the
    /// bounds its own and its audit records' timestamps set).
    @Test func replayIsExactWhenGrantsChangeWhileTheRouterRuns() async throws {
        let broker = try TestBroker()
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        let theme = catalogue.theme("household-registration")!
        let civil = GrantApplication(subscriber: "civil-affairs", theme: theme.id, function: "social-assistance",
                                     basis: "社会救助暂行办法", fields: ["name", "district"])
        let grid = GrantApplication(subscriber: "panyu-grid-centre", theme: theme.id, function: "grid-management",
                                    basis: "网格化服务管理办法", fields: ["name"], scope: ["district": ["panyu"]])
        let log = try GrantLog(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret)
        try await RouterTests().grant([("g-civil", civil)], log: log)
        let router = RouterHarness(broker: broker, batchSize: 200)
        var scenario = RoutingScenario(seed: 21, subjects: 50)
        for round in 0..<6 {
            try await RouterTests().publish((0..<400).map { _ in scenario.event(theme) }, client: broker.client)
            // The router has joined and routed the first round; the changes below land while it routes.
            if round == 0 { try await router.waitUntilRouted(themes: [theme]) }
            if round == 1 { try await RouterTests().grant([("g-grid", grid)], log: log) }
            if round == 3 {
                let revocation = try GrantWorkflow(catalogue: catalogue).revoke("g-civil", by: "civil-affairs", reason: "case closed",
                                                                                at: "2025-06-01T00:00:00Z", table: await log.table)
                try await log.append([revocation])
            }
        }
        try await router.waitUntilRouted(themes: [theme])
        try await router.stop()
        await log.close()

        let report = try await RoutingReplay.run(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret, theme: theme.id)
        #expect(report.records == 2_400)
        #expect(report.isClean, "\(report.differences.prefix(3))")
        let received = try await Broker.readAll(Topics.subscriber("civil-affairs"), client: broker.client)
        #expect(received.count > 0 && received.count < 2_400, "the revocation stopped deliveries part-way")
        #expect(!(try await Broker.readAll(Topics.subscriber("panyu-grid-centre"), client: broker.client)).isEmpty)
    }

    /// A router process stops and a new one takes over: new chain segments, and scope memory
    /// rebuilt from the audit (a subject held before the restart that leaves the scope still
    /// gets its left-scope delete). Replay must stay exact across it.
    @Test func replayIsExactAcrossARouterRestart() async throws {
        let broker = try TestBroker()
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        let theme = catalogue.theme("household-registration")!
        let log = try GrantLog(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret)
        try await RouterTests().grant([("g-grid", GrantApplication(
            subscriber: "panyu-grid-centre", theme: theme.id, function: "grid-management", basis: "网格化服务管理办法",
            fields: ["name", "district"], scope: ["district": ["panyu"]]))], log: log)
        await log.close()
        var scenario = RoutingScenario(seed: 33, subjects: 30)
        try await RouterTests().publish((0..<1_000).map { _ in scenario.event(theme) }, client: broker.client)
        let first = RouterHarness(broker: broker)
        try await first.waitUntilRouted(themes: [theme])
        try await first.stop()
        try await RouterTests().publish((0..<1_000).map { _ in scenario.event(theme) }, client: broker.client)
        let second = RouterHarness(broker: broker)
        try await second.waitUntilRouted(themes: [theme])
        try await second.stop()

        let verification = try await AuditVerification.read(client: broker.client, key: .test, topics: [Topics.audit])
        #expect(verification.isIntact && verification.logs[0].segments > verification.logs[0].chains, "a second segment per partition")
        let report = try await RoutingReplay.run(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret, theme: theme.id)
        #expect(report.records == 2_000)
        #expect(report.isClean, "\(report.differences.prefix(3))")
        #expect(report.segmentsAfterRestart == 0, "the new process continued with the rebuilt memory, not an empty one")
        let leftScope = try await Broker.readAll(Topics.subscriber("panyu-grid-centre"), client: broker.client).filter {
            $0.headers.value(named: "shuniu_reason").map { String(decoding: $0, as: UTF8.self) } == "left-scope"
        }
        #expect(!leftScope.isEmpty)
    }

    /// `shuniu router` killed with SIGKILL twice while events stream in: re-routed records
    /// appear in two segments (and a dead process's last records in its old one). Replay
    /// compares each routing with its own segment and must find no difference.
    @Test func replayIsExactAfterRoutersAreKilled() async throws {
        let broker = try TestBroker()
        let crash = RouterCrashTests()
        let theme = crash.theme
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        let log = try GrantLog(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret)
        try await RouterTests().grant([
            ("g-grid", GrantApplication(subscriber: "panyu-grid-centre", theme: theme.id, function: "grid-management",
                                        basis: "网格化服务管理办法", fields: ["name", "district"], scope: ["district": ["panyu"]])),
            ("g-civil", GrantApplication(subscriber: "civil-affairs", theme: theme.id, function: "social-assistance",
                                         basis: "社会救助暂行办法", fields: ["name"], masks: ["citizen_id": "pseudonym"])),
        ], log: log)
        await log.close()
        var scenario = RoutingScenario(seed: 44, subjects: 3_000)
        let events = (0..<40_000).map { _ in scenario.event(theme) }
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("router-replay-kill-\(broker.port).log").path
        var router = try crash.startRouter(broker, log: logFile)
        async let produced: Void = crash.produce(events, broker: broker)
        let progress = RouterProgress(broker: broker, groupID: "shuniu-router")
        for delay in [300, 900] {
            let before = try await progress.committedTotal(themes: [theme])
            while try await progress.committedTotal(themes: [theme]) == before { try await Task.sleep(for: .milliseconds(100)) }
            try await Task.sleep(for: .milliseconds(delay))
            kill(router, SIGKILL)
            ChildProcess.wait(router)
            router = try crash.startRouter(broker, log: logFile)
        }
        try await produced
        try await progress.waitUntilRouted(themes: [theme], timeout: .seconds(240))
        kill(router, SIGTERM)
        #expect(ChildProcess.wait(router) == 0)

        let verification = try await AuditVerification.read(client: broker.client, key: .test, topics: [Topics.audit])
        #expect(verification.isIntact, "\(verification.breaks.prefix(3))")
        let report = try await RoutingReplay.run(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret, theme: theme.id)
        #expect(report.records == events.count)
        #expect(report.isClean, "\(report.differences.prefix(3))")
        print("replay after kill -9 x2: \(report.records) records, \(report.decisions) decisions, \(verification.logs[0]) \(report.segmentsAfterRestart) segments matched with empty scope memory, \(report.routingsCutOff) routings cut off")
    }

    /// The table `ctl.grants` holds now.
    func grantTable(_ broker: TestBroker) async throws -> GrantTable {
        let log = try GrantLog(client: broker.client, catalogue: catalogue, secret: RouterHarness.secret)
        try await log.catchUp()
        let table = await log.table
        await log.close()
        return table
    }

    /// Runs `shuniu audit verify` against the broker; returns its exit code.
    func runVerify(_ broker: TestBroker) async throws -> Int32 {
        let (code, text) = try runShuniu(["audit", "verify", "--bootstrap", broker.bootstrap])
        #expect(text.contains(code == 0 ? "intact: every chain verifies" : "FIRST BREAK: audit.exchange"), "\(text)")
        return code
    }

    /// Runs the built `shuniu` with `arguments`; returns its exit code and output (stdout and stderr).
    func runShuniu(_ arguments: [String]) throws -> (code: Int32, output: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let pid = try ChildProcess.spawn([ShuniuBinary.url.path] + arguments, environment: ["SHUNIU_SECRET": RouterHarness.secretText], output: output)
        let code = ChildProcess.wait(pid)
        return (code, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }
}
