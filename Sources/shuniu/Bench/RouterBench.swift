import Foundation
import Logging
import RawKafkaBench
import ServiceLifecycle
import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams

/// Measures events/s through one router: ~300-byte household-registration events, three
/// grants with projection and masking, audit on; beside the raw librdkafka produce rate.
struct RouterBench {
    let client: KafkaClientConfig
    let catalogue: Catalogue
    let count: Int

    func run() async throws {
        let theme = catalogue.theme("household-registration")!
        Console.say("shuniu bench router: \(count) events of ~300 bytes on \(Topics.source(theme.id)), 3 grants (projection + masks), audit on, broker \(client.bootstrapServers)")
        let admin = try KafkaAdmin(client: client)
        _ = try await TopicPlanner(admin: admin).apply(catalogue)
        let grantIDs = try await grant(theme)
        let stamp = Int(Date().timeIntervalSince1970)
        let rawTopic = "bench.raw-router.\(stamp)"
        _ = try await admin.createTopics([NewTopic(name: rawTopic, partitions: theme.partitions)])
        var raw = shuniu_raw_result()
        _ = shuniu_raw_produce(client.bootstrapServers, rawTopic, Int64(count), 300, &raw)
        let rawRate = raw.seconds > 0 ? Double(raw.messages) / raw.seconds : 0

        let published = try await publish(theme, stamp: stamp)
        var config = RouterConfig()
        config.secret = BenchGrants.secret
        config.client = client
        config.groupID = "shuniu-bench-router-\(stamp)"
        var logger = ServiceLogging.logger("shuniu.bench.router")
        if ProcessInfo.processInfo.environment["SHUNIU_LOG_LEVEL"] == nil { logger.logLevel = .error }
        let router = RouterService(config: config, catalogue: catalogue, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [router], logger: logger))
        let task = Task { try await group.run() }
        let clock = ContinuousClock()
        var started: ContinuousClock.Instant?
        // The clock starts at the first routed batch (after the group join); that batch is
        // left out of the count, so the rate covers exactly the events routed while timed.
        var readBeforeStart = 0
        let deadline = clock.now + .seconds(600)
        while router.counters.read < published && clock.now < deadline {
            if started == nil && router.counters.read > 0 {
                started = clock.now
                readBeforeStart = router.counters.read
            }
            Console.progress("routed \(router.counters.read)/\(published)")
            try await Task.sleep(for: .milliseconds(20))
        }
        let elapsed = clock.now - (started ?? clock.now)
        Console.endProgress()
        await group.triggerGracefulShutdown()
        try await task.value
        try await revoke(grantIDs)
        let counters = router.counters
        let timed = counters.read - readBeforeStart
        guard timed > 0, elapsed > .milliseconds(100) else {
            Console.say("router   too few events to time (all \(counters.read) routed in the first batches); run with --count 200000 or more")
            return
        }
        // Each event of the timed part produced, in proportion, the outputs counted over the run.
        let perEvent = Double(counters.deliveredTotal * 2 + counters.outOfScope + counters.rejectedTotal * 2) / Double(max(counters.read, 1))
        let rate = Double(timed) / elapsed.seconds
        Console.say(String(format: "router   %@ events/s (%@ output records/s: deliveries + audit), %d delivered, %d rejected",
                           Console.grouped(rate) as NSString, Console.grouped(rate * perEvent) as NSString,
                           counters.deliveredTotal, counters.rejectedTotal))
        Console.say("raw librdkafka produce %@ msg/s (300-byte records, same broker)".replacingOccurrences(of: "%@", with: Console.grouped(rawRate)))
    }

    /// Three grants on the theme with projection and masks (approved at once: unconditional).
    private func grant(_ theme: Theme) async throws -> [String] {
        let subscribers = catalogue.departments.filter { $0.district == nil && $0.functions.contains(where: theme.entitles) }.prefix(3)
        let masks: [[String: String]] = [["citizen_id": "partial"], ["citizen_id": "pseudonym", "name": "partial:1:0"], ["birth_date": "year"]]
        let applications = subscribers.enumerated().map { index, department in
            GrantApplication(subscriber: department.id, theme: theme.id, function: department.functions.first(where: theme.entitles)!,
                             basis: "shuniu bench router", fields: ["name", "sex", "birth_date", "district", "registration_status"],
                             masks: masks[index % masks.count])
        }
        return try await BenchGrants(client: client, catalogue: catalogue).apply(applications) { _ in
            "g-bench-\(UInt32.random(in: 0...UInt32.max))"
        }
    }

    private func revoke(_ ids: [String]) async throws {
        try await BenchGrants(client: client, catalogue: catalogue).revoke(ids)
    }

    /// Publishes `count` valid events; returns how many records the router will read (the
    /// source topic may hold earlier records too).
    private func publish(_ theme: Theme, stamp: Int) async throws -> Int {
        let admin = try KafkaAdmin(client: client)
        var before = 0
        for partition in 0..<Int32(theme.partitions) {
            before += Int(try await admin.watermarks(topic: Topics.source(theme.id), partition: partition).high)
        }
        let producer = try KafkaProducer(config: ProducerConfig(client: client))
        let districts = ["yuexiu", "liwan", "haizhu", "tianhe", "baiyun", "panyu"]
        var pending: [PendingDelivery] = []
        for start in stride(from: 0, to: count, by: 10_000) {
            let events = (start..<min(start + 10_000, count)).map { n -> ProducerRecord in
                let id = CitizenID.make(region: "440106", year: 1950 + n % 60, month: 1 + n % 12, day: 1 + n % 28, sequence: n % 1000).value
                let row: Row = ["citizen_id": .string(id), "name": "陈思远", "sex": .string(n % 2 == 0 ? "female" : "male"),
                                "birth_date": .string(String(format: "%04d-%02d-%02d", 1950 + n % 60, 1 + n % 12, 1 + n % 28)),
                                "ethnicity": "汉族", "address": .string("天河区天河路\(n % 999)号\(n % 30)栋\(n % 20)0\(n % 9)房"),
                                "district": .string(districts[n % districts.count]), "subdistrict": "天河南街道",
                                "household_id": .string("H\(n / 3)"), "registration_status": "active"]
                return ProducerRecord(event: .upsert(id: "bench-\(stamp)-\(n)", source: theme.provider, theme: theme.id, subject: id,
                                                     time: "2025-06-01T08:00:00Z", sequence: Int64(stamp) * 1_000 + Int64(n % 1000), row: row))
            }
            pending.append(try await producer.enqueue(events))
        }
        for batch in pending where await batch.reports().firstError != nil { throw BenchError(message: "publishing the benchmark events failed") }
        await producer.close()
        var after = 0
        for partition in 0..<Int32(theme.partitions) {
            after += Int(try await admin.watermarks(topic: Topics.source(theme.id), partition: partition).high)
        }
        return after
    }
}
