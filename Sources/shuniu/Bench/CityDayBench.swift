import Foundation
import Logging
import ServiceLifecycle
import ShuniuCity
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel
import ShuniuOpenData
import ShuniuRouter
import ShuniuStreams
import Synchronization

/// `shuniu bench city-day`: one day of a city's exchange through the whole hub at once. The
/// departments' adapters publish `records` change events (Guangzhou's 8.53 M a day by
/// default), spread over the themes as the synthetic city spreads them, while the router
/// shares them under the demo's grants, the library and credit projectors build their
/// stores, open data refreshes its snapshots and the API answers a steady query load. Prints
/// the wall time, each service's events/s and lag as it goes, the API's latency and the hub's
/// and the broker's memory over the run.
struct CityDayBench {
    let client: KafkaClientConfig
    let catalogue: Catalogue
    let catalogueDirectory: URL
    let records: Int
    let persons: Int
    let apiRate: Int
    let work: URL
    let timeout: Duration

    func run() async throws {
        Console.say("shuniu bench city-day: \(Console.grouped(Double(records))) change records through the whole hub, a city of \(persons) persons, API load \(apiRate) look-ups/s, broker \(client.bootstrapServers), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let admin = try KafkaAdmin(client: client)
        _ = try await TopicPlanner(admin: admin).apply(catalogue)
        let sources = catalogue.themes.flatMap { theme in
            (0..<Int32(theme.partitions)).map { TopicPartition(topic: Topics.source(theme.id), partition: $0) }
        }
        guard try await EndOffsets(client: client).read(sources).values.reduce(0, +) == 0 else {
            throw BenchError(message: "the source topics already hold records: run the day on a fresh broker (`ops/broker.sh start --port 19999`, then --bootstrap 127.0.0.1:19999)")
        }

        let day = try DayFeed.load(city: generateCity(), directory: work.appendingPathComponent("city"), catalogue: catalogue)
        Console.say("the city's feeds: \(day.events.count) records over \(day.themes) themes, replayed as \(day.passes(records)) pass(es) with new versions (ids and sequences per pass)")

        let secret = BenchGrants.secret
        let keys = try await DemoIdentities.ensure(parties: DemoGrants.parties(catalogue), directory: work.appendingPathComponent("identities").path,
                                                   client: client, secret: secret)
        let log = try GrantLog(client: client, catalogue: catalogue, secret: secret)
        Console.say("grants (the demo's, signed by their parties):")
        for line in try await DemoGrants.ensure(log: log, catalogue: catalogue, now: GrantSession.now(), keys: keys, secret: secret) {
            Console.say("   \(line)")
        }
        await log.close()
        let keysPath = work.appendingPathComponent("keys.sqlite").path
        let apiKeys = try DemoAPIView.issueKeys(path: keysPath, now: GrantSession.now())
        let services = try await DemoServices(client: client, catalogue: catalogue, catalogueDirectory: catalogueDirectory,
                                              state: work.path, apiPort: 0, keysPath: keysPath, secret: secret)
        let progress = DayProgress()
        var quiet = ServiceLogging.logger("shuniu.bench.city-day")
        quiet.logLevel = .error
        let openData = OpenDataService(publisher: services.openData, source: try KafkaOpenDataSource(client: client, catalogue: catalogue),
                                       interval: .seconds(30), logger: quiet) { _ in progress.openDataPasses.add(1, ordering: .relaxed) }
        let running = Task { try await services.group.run() }
        let refreshing = Task { try await openData.run() }
        let port = try await services.port.wait()

        let clock = ContinuousClock()
        let started = clock.now
        let cpuAtStart = ProcessCPU.seconds()
        let publishing = Task {
            defer { progress.published.store(true, ordering: .releasing) }
            return try await DayPublisher(client: client, catalogue: catalogue).publish(day, records: records, progress: progress)
        }
        let load = APILoad(base: "http://127.0.0.1:\(port)", keys: DemoAPIView.departments.compactMap { apiKeys[$0.0] },
                           subjects: day.personSubjects, rate: apiRate)
        let loading = Task { await load.run() }

        let monitor = try DayMonitor(client: client, catalogue: catalogue, services: services, brokerPID: Self.brokerPID(client))
        var publishedAt: Duration?
        var failure: Error?
        var samples = 0
        while true {
            try await Task.sleep(for: .seconds(2))
            samples += 1
            let elapsed = clock.now - started
            let done = progress.published.load(ordering: .acquiring)
            if publishedAt == nil, done { publishedAt = elapsed }
            let sample = await monitor.sample(at: elapsed, published: progress.records.load(ordering: .relaxed), publishingDone: done,
                                              api: load.answered)
            // A line every 10 s; the samples between them still feed the figures.
            if samples % 5 == 0 || sample.caughtUp { Console.say(sample.line) }
            if publishedAt != nil, sample.caughtUp { break }
            if elapsed > timeout {
                failure = BenchError(message: "the hub had not caught up after \(timeout): \(sample.line)")
                break
            }
        }
        let wall = clock.now - started
        let cpu = ProcessCPU.seconds() - cpuAtStart
        load.stop()
        await loading.value
        do {
            let refused = try await publishing.value
            if refused > 0 { Console.say("adapters refused \(refused) record(s) of the generated feeds (not published; the city injects a few bad lines)") }
        } catch {
            failure = failure ?? error
        }
        refreshing.cancel()
        await services.group.triggerGracefulShutdown()
        try await running.value
        await monitor.close()
        if let failure { throw failure }

        let report = monitor.report(wall: wall, publishedAt: publishedAt ?? wall, records: records)
        for line in report { Console.say(line) }
        Console.say(String(format: "hub process CPU %.1f s over the day (%.1f µs per record, publishing and all services; 2 cores give %.0f s)",
                           cpu, cpu / Double(records) * 1_000_000, wall.seconds * 2))
        Console.say("api      \(load.summary)")
        Console.say("open data: \(progress.openDataPasses.load(ordering: .relaxed)) refresh pass(es) during the day (every 30 s when the sources moved)")
        Console.say("goal     the whole day in < 5 minutes with memory flat: \(wall < .seconds(300) ? "met" : "not met") (\(Self.minutes(wall)))")
    }

    static func minutes(_ duration: Duration) -> String {
        let seconds = Int(duration.seconds.rounded())
        return "\(seconds / 60) min \(seconds % 60) s"
    }

    private func generateCity() throws -> CityReport {
        let directory = work.appendingPathComponent("city")
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("manifest.json").path) {
            try FileManager.default.removeItem(at: directory)
        }
        Console.say("generating the city (\(persons) persons, \(max(10, persons / 20)) legal entities) into \(directory.path) ...")
        let city = CityGenerator(parameters: CityParameters(persons: persons, entities: max(10, persons / 20), seed: 1)).build()
        return try CityWriter(catalogue: catalogue, directory: directory).write(city)
    }

    /// The dev broker's process when `ops/broker.sh` started it on the bootstrap's port.
    static func brokerPID(_ client: KafkaClientConfig) -> Int32? {
        guard let port = client.bootstrapServers.split(separator: ",").first?.split(separator: ":").last,
              let text = try? String(contentsOfFile: ".shuniu/broker-\(port)/tansu.pid", encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// The city's feeds in memory as one day's order: feeds interleaved in proportion to their
/// sizes (each feed's own order kept), so any prefix of the day spreads over the themes as
/// the whole city does.
struct DayFeed {
    /// The events, interleaved.
    let events: [ChangeEvent]
    /// Themes with at least one record.
    let themes: Int
    /// Citizen IDs of the household-registration feed (the API's look-ups).
    let personSubjects: [String]

    /// Passes over the city's feeds that `records` takes.
    func passes(_ records: Int) -> Int { events.isEmpty ? 0 : (records + events.count - 1) / events.count }

    static func load(city report: CityReport, directory: URL, catalogue: Catalogue) throws -> DayFeed {
        var keyed: [(key: Double, feed: Int, event: ChangeEvent)] = []
        var persons: [String] = []
        var themes = Set<String>()
        for (index, feed) in report.files.enumerated() {
            guard let theme = catalogue.theme(feed.theme) else { continue }
            let data = try Data(contentsOf: directory.appendingPathComponent(feed.path))
            let lines = data.split(separator: UInt8(ascii: "\n"))
            for (number, line) in lines.enumerated() {
                let event = try FeedRecord(parsing: line).event(theme: theme, department: feed.department,
                                                                defaultSequence: 1, defaultTime: "2026-01-01T00:00:00Z")
                keyed.append(((Double(number) + 0.5) / Double(lines.count), index, event))
                if theme.id == "household-registration", persons.count < 100_000, event.action == .upserted { persons.append(event.subject) }
            }
            if !lines.isEmpty { themes.insert(theme.id) }
        }
        keyed.sort { ($0.key, $0.feed) < ($1.key, $1.feed) }
        return DayFeed(events: keyed.map(\.event), themes: themes.count, personSubjects: persons)
    }
}

/// The departments' adapters for the day: each record validated as the adapter path does
/// before it leaves (`EventValidator`), then produced in batches with three in flight. Pass
/// `p` over the city's feeds publishes each record as a new version: id `<id>~d<p>`,
/// sequence `p · 2³² + sequence` (the city's sequences are below 2³¹).
struct DayPublisher {
    let client: KafkaClientConfig
    let catalogue: Catalogue

    /// Publishes the day's first `records` records, adding each acknowledged batch to
    /// `progress.records`; returns how many the validator refused.
    func publish(_ day: DayFeed, records: Int, progress: DayProgress) async throws -> Int {
        guard !day.events.isEmpty else { return 0 }
        let validator = EventValidator(catalogue: catalogue)
        var config = ProducerConfig(client: client)
        config.linger = .milliseconds(20)
        let producer = try KafkaProducer(config: config)
        var inFlight: [(PendingDelivery, Int)] = []
        var rejected = 0
        var index = 0
        while index < records {
            var batch: [ProducerRecord] = []
            batch.reserveCapacity(5_000)
            while index < records, batch.count < 5_000 {
                let pass = index / day.events.count
                var event = day.events[index % day.events.count]
                index += 1
                if pass > 0 {
                    event.id += "~d\(pass)"
                    event.sequence += Int64(pass) << 32
                }
                do throws(EventRejection) {
                    _ = try validator.validate(event)
                } catch {
                    rejected += 1
                    continue
                }
                batch.append(ProducerRecord(event: event))
            }
            inFlight.append((try await producer.enqueue(batch), batch.count))
            while inFlight.count > 3 {
                let (pending, count) = inFlight.removeFirst()
                if await pending.reports().firstError != nil { throw BenchError(message: "publishing the day's records failed") }
                progress.records.add(count, ordering: .relaxed)
            }
        }
        for (pending, count) in inFlight {
            if await pending.reports().firstError != nil { throw BenchError(message: "publishing the day's records failed") }
            progress.records.add(count, ordering: .relaxed)
        }
        await producer.close()
        return rejected
    }
}

/// What the day's tasks report to the monitor loop.
final class DayProgress: Sendable {
    /// Records the broker acknowledged.
    let records = Atomic<Int>(0)
    /// Whether the adapters are done (all published, or failed).
    let published = Atomic<Bool>(false)
    /// Open-data passes run.
    let openDataPasses = Atomic<Int>(0)
}
