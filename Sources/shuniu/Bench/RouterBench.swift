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

    let rounds: Int

    func run() async throws {
        let theme = catalogue.theme("household-registration")!
        Console.say("shuniu bench router: \(rounds) round(s) of \(count) events of ~300 bytes on \(Topics.source(theme.id)), 3 grants (projection + masks), audit on, broker \(client.bootstrapServers)")
        let admin = try KafkaAdmin(client: client)
        _ = try await TopicPlanner(admin: admin).apply(catalogue)
        let grantIDs = try await grant(theme)
        let stamp = Int(Date().timeIntervalSince1970)
        var figures = BenchRounds()
        // One consumer group over all rounds: each round's router resumes where the previous
        // one committed, so it routes exactly that round's events (round 1 also whatever the
        // source topic held before: use a fresh broker).
        let groupID = "shuniu-bench-router-\(stamp)"
        for round in 1...rounds {
            let rawTopic = "bench.raw-router.\(stamp).\(round)"
            _ = try await admin.createTopics([NewTopic(name: rawTopic, partitions: theme.partitions)])
            var raw = shuniu_raw_result()
            _ = shuniu_raw_produce(client.bootstrapServers, rawTopic, Int64(count), 300, &raw)
            let rawRate = raw.seconds > 0 ? Double(raw.messages) / raw.seconds : 0
            let published = try await publish(theme, stamp: stamp, round: round)
            guard let measured = try await route(published: published, groupID: groupID) else {
                Console.say("round \(round): too few events to time (all routed in the first batches); run with --count 200000 or more")
                continue
            }
            figures.add("router events/s", measured.rate)
            figures.add("router output records/s", measured.outputs)
            figures.add("router CPU µs/event", measured.cpuMicroseconds)
            figures.add("raw produce msg/s", rawRate)
            Console.say(String(format: "round %d: router %@ events/s, %.1f µs CPU per event (this process: routing and its Kafka clients), raw produce %@ msg/s",
                               round, Console.grouped(measured.rate) as NSString, measured.cpuMicroseconds, Console.grouped(rawRate) as NSString))
        }
        try await revoke(grantIDs)
        for line in figures.lines(format: { name, value in name.contains("µs") ? String(format: "%.1f", value) : Console.grouped(value) }) {
            Console.say(line)
        }
    }

    /// What one round measured.
    struct Measured {
        var rate: Double
        var outputs: Double
        var cpuMicroseconds: Double
    }

    /// Runs a router of group `groupID` until it has read up to `published`; the rate covers
    /// the events routed after its first batch (the group join is not timed).
    private func route(published: Int, groupID: String) async throws -> Measured? {
        var config = RouterConfig()
        config.secret = BenchGrants.secret
        config.client = client
        config.groupID = groupID
        var logger = ServiceLogging.logger("shuniu.bench.router")
        if ProcessInfo.processInfo.environment["SHUNIU_LOG_LEVEL"] == nil { logger.logLevel = .error }
        let router = RouterService(config: config, catalogue: catalogue, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [router], logger: logger))
        let task = Task { try await group.run() }
        let clock = ContinuousClock()
        var started: ContinuousClock.Instant?
        var cpuAtStart = 0.0
        var readBeforeStart = 0
        let target = published - (try await committed(groupID: groupID))
        let deadline = clock.now + .seconds(600)
        while router.counters.read < target && clock.now < deadline {
            if started == nil && router.counters.read > 0 {
                started = clock.now
                cpuAtStart = ProcessCPU.seconds()
                readBeforeStart = router.counters.read
            }
            Console.progress("routed \(router.counters.read)/\(target)")
            try await Task.sleep(for: .milliseconds(20))
        }
        let elapsed = clock.now - (started ?? clock.now)
        let cpu = ProcessCPU.seconds() - cpuAtStart
        Console.endProgress()
        await group.triggerGracefulShutdown()
        try await task.value
        let counters = router.counters
        let timed = counters.read - readBeforeStart
        guard timed > 0, elapsed > .milliseconds(100) else { return nil }
        // Outputs per event over the run: deliveries, dead letters and one audit record per
        // source record with a decision (every event here has three grants in force).
        let perEvent = Double(counters.deliveredTotal + counters.rejectedTotal + counters.read) / Double(max(counters.read, 1))
        let rate = Double(timed) / elapsed.seconds
        return Measured(rate: rate, outputs: rate * perEvent, cpuMicroseconds: cpu / Double(timed) * 1_000_000)
    }

    /// The records of the source topic the group has committed (0 for a new group).
    private func committed(groupID: String) async throws -> Int {
        guard let theme = catalogue.theme("household-registration") else { return 0 }
        let consumer = try KafkaConsumer(config: ConsumerConfig(client: client, groupID: groupID))
        let partitions = (0..<Int32(theme.partitions)).map { TopicPartition(topic: Topics.source(theme.id), partition: $0) }
        let offsets = try await consumer.committed(partitions)
        await consumer.close()
        return offsets.reduce(0) { $0 + Int(max($1.offset.rawValue, 0)) }
    }

    /// The three departments the benchmark grants the theme to (city-wide, entitled).
    static func subscribers(catalogue: Catalogue, theme: Theme) -> [Department] {
        Array(catalogue.departments.filter { $0.district == nil && $0.functions.contains(where: theme.entitles) }.prefix(3))
    }

    /// Three grants on the theme with projection and masks (approved at once: unconditional).
    private func grant(_ theme: Theme) async throws -> [String] {
        let subscribers = Self.subscribers(catalogue: catalogue, theme: theme)
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

    /// Event `n`'s `ce_sequence`: new for every event of every run and round, as a provider's
    /// versions are (the 21 000 subjects repeat, their versions never do; a mirror that took
    /// repeats of one version would measure work it skips). Within Int64 for rounds up to 20,
    /// up to 10^8 events and Unix times before 2116 (4.6 × 10^9 s).
    static func sequence(stamp: Int, round: Int, n: Int) -> Int64 {
        (Int64(stamp) * 20 + Int64(round % 20)) * 100_000_000 + Int64(n % 100_000_000)
    }

    /// Publishes `count` valid events; returns how many records the router will read (the
    /// source topic may hold earlier records too).
    private func publish(_ theme: Theme, stamp: Int, round: Int) async throws -> Int {
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
                return ProducerRecord(event: .upsert(id: "bench-\(stamp)-\(round)-\(n)", source: theme.provider, theme: theme.id, subject: id,
                                                     time: "2025-06-01T08:00:00Z", sequence: Self.sequence(stamp: stamp, round: round, n: n), row: row))
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
