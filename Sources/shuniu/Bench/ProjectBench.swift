import Foundation
import RawKafkaBench
import ShuniuCity
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel
import ShuniuStreams

/// `shuniu bench project`: events/s through the projector into the libraries, the time to
/// rebuild a city's libraries from the topics, and peak memory, beside raw librdkafka
/// consume and raw SQLite upsert rates on the same machine.
struct ProjectBench {
    let client: KafkaClientConfig
    let catalogue: Catalogue
    let persons: Int
    let entities: Int
    let cityDirectory: URL
    let workDirectory: URL
    /// Projections and rebuilds run, each into a fresh file (min and median reported).
    var rounds = 1

    func run() async throws {
        Console.say("shuniu bench project: \(persons) persons, \(entities) entities, broker \(client.bootstrapServers), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        let themes = LibraryKind.allCases.flatMap { $0.themes(in: catalogue) }
        let partitions = themes.flatMap { theme in (0..<Int32(theme.partitions)).map { TopicPartition(topic: Topics.source(theme.id), partition: $0) } }
        _ = try await TopicPlanner(admin: KafkaAdmin(client: client)).apply(catalogue)
        var ends = try await EndOffsets(client: client).read(partitions)
        var events = Int(ends.values.reduce(0, +))
        if events == 0 {
            let report = try city()
            Console.say("publishing the library themes' feeds (through the adapter path)...")
            let publication = CityPublication(client: client, catalogue: catalogue, directory: cityDirectory)
            let ids = Set(themes.map(\.id))
            let published = try await publication.publish(report) { ids.contains($0) }
            ends = try await EndOffsets(client: client).read(partitions)
            events = Int(ends.values.reduce(0, +))
            Console.say("published \(published) records")
        } else {
            Console.say("the library topics already hold \(events) records: projecting those (use a fresh broker to publish a new city)")
        }

        let consume = try rawConsume(themes, ends: ends)
        Console.say(String(format: "raw librdkafka consume of the same topics: %@ records/s", Console.grouped(consume)))
        for order in [RawUpsertBench.Order.feed, .random] {
            let sqlite = try RawUpsertBench(directory: workDirectory, rows: min(events, 2_000_000), order: order).run()
            Console.say(String(format: "raw SQLite upsert (same table, prepared statement, 20 000 per transaction, %@): %@ rows/s",
                               order.rawValue, Console.grouped(sqlite)))
        }

        var figures = BenchRounds()
        for round in 1...rounds {
            let live = try await childRun(["project", "run", "--until-end"], library: workDirectory.appendingPathComponent("live.sqlite"), events: events)
            Console.say(String(format: "round %d: projector, durable (WAL, synchronous=NORMAL): %@ events/s, %.1f s, %.1f µs CPU per event, peak RSS %@",
                               round, Console.grouped(Double(events) / live.seconds), live.seconds, live.cpuMicroseconds(events), live.memory))
            let rebuild = try await childRun(["project", "rebuild", "--library", "/nonexistent/none.sqlite", "--into"],
                                             library: workDirectory.appendingPathComponent("rebuild.sqlite"), events: events)
            Console.say(String(format: "round %d: rebuild from the topics into a fresh file: %@ events/s, %.1f s for %d persons (goal < 60 s for 1 000 000), %.1f µs CPU per event, peak RSS %@",
                               round, Console.grouped(Double(events) / rebuild.seconds), rebuild.seconds, persons, rebuild.cpuMicroseconds(events), rebuild.memory))
            figures.add("projector events/s", Double(events) / live.seconds)
            figures.add("projector CPU µs/event", live.cpuMicroseconds(events))
            figures.add("rebuild s", rebuild.seconds)
            figures.add("rebuild CPU µs/event", rebuild.cpuMicroseconds(events))
        }
        for line in figures.lines(format: { name, value in name.hasSuffix("/s") ? Console.grouped(value) : String(format: "%.1f", value) }) {
            Console.say(line)
        }
        let first = try SQLiteLibraryStore(path: workDirectory.appendingPathComponent("live.sqlite").path)
        let second = try SQLiteLibraryStore(path: workDirectory.appendingPathComponent("rebuild.sqlite").path)
        for kind in LibraryKind.allCases {
            let (a, b) = (try first.digest(kind), try second.digest(kind))
            Console.say("\(kind.rawValue) digest \(a) \(a == b ? "= rebuild" : "≠ rebuild \(b)")")
        }
    }

    /// Generates the city (replacing an earlier one in the same directory).
    private func city() throws -> CityReport {
        if FileManager.default.fileExists(atPath: cityDirectory.appendingPathComponent("manifest.json").path) {
            try FileManager.default.removeItem(at: cityDirectory)
        }
        Console.say("generating the city into \(cityDirectory.path)...")
        let city = CityGenerator(parameters: CityParameters(persons: persons, entities: entities, seed: 1)).build()
        return try CityWriter(catalogue: catalogue, directory: cityDirectory).write(city)
    }

    private func rawConsume(_ themes: [Theme], ends: [TopicPartition: Int64]) throws -> Double {
        var messages = 0
        var seconds = 0.0
        for theme in themes {
            var result = shuniu_raw_result()
            let count = ends.filter { $0.key.topic == Topics.source(theme.id) }.values.reduce(0, +)
            guard count > 0 else { continue }
            if shuniu_raw_consume(client.bootstrapServers, Topics.source(theme.id), Int32(theme.partitions), Int64(count), &result) != 0 {
                throw BenchError(message: "raw consume of src.\(theme.id) failed")
            }
            messages += Int(result.messages)
            seconds += result.seconds
        }
        return seconds > 0 ? Double(messages) / seconds : 0
    }

    /// Runs `shuniu <arguments> <library>` as a child process; measures its wall time and
    /// samples its resident memory every second.
    private func childRun(_ arguments: [String], library: URL, events: Int) async throws -> ChildRun {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: library.path + suffix) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var all = arguments
        if arguments.last != "--into" { all.append("--library") }
        all += [library.path, "--bootstrap", client.bootstrapServers]
        process.arguments = all
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let started = ContinuousClock.now
        let cpuBefore = ProcessCPU.childrenSeconds()
        try process.run()
        var samples: [Int] = []
        while process.isRunning {
            try await Task.sleep(for: .milliseconds(250))
            if let rss = MemorySamples.residentKiB(process.processIdentifier) { samples.append(rss) }
        }
        let seconds = (ContinuousClock.now - started).seconds
        process.waitUntilExit()
        let cpu = ProcessCPU.childrenSeconds() - cpuBefore
        guard process.terminationStatus == 0 else { throw BenchError(message: "shuniu \(all.joined(separator: " ")) exited \(process.terminationStatus)") }
        return ChildRun(seconds: seconds, samples: samples, cpuSeconds: cpu)
    }
}

/// A child run's wall time and memory samples (KiB).
struct ChildRun {
    var seconds: Double
    var samples: [Int]
    /// CPU time (user + system) the child used.
    var cpuSeconds: Double

    /// CPU time per event, in microseconds.
    func cpuMicroseconds(_ events: Int) -> Double { events > 0 ? cpuSeconds / Double(events) * 1_000_000 : 0 }

    /// Peak RSS and the RSS at each quarter of the run: flat memory shows as similar quarters.
    var memory: String {
        MemorySamples(kib: samples).summary
    }
}
