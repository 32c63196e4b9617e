import Foundation
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel
import ShuniuRouter

/// Samples the hub during `bench city-day`: each service's records and lag (measured on the
/// cluster and in the stores), and the hub's and the broker's resident memory.
final class DayMonitor {
    private let catalogue: Catalogue
    private let services: DemoServices
    private let brokerPID: Int32?
    private let routerLag: RouterLag
    private let ends: EndOffsets
    /// Every source partition (each sample reads their ends once, for all three lags).
    private let sources: [TopicPartition]
    private var figures: [String: ServiceFigures] = [:]
    private var hubMemory = MemorySamples()
    private var brokerMemory = MemorySamples()
    private var publishing = ServiceFigures()

    init(client: KafkaClientConfig, catalogue: Catalogue, services: DemoServices, brokerPID: Int32?) throws {
        self.catalogue = catalogue
        self.services = services
        self.brokerPID = brokerPID
        routerLag = try RouterLag(client: client, groupID: RouterConfig().groupID)
        ends = try EndOffsets(client: client)
        sources = catalogue.themes.flatMap { theme in
            (0..<Int32(theme.partitions)).map { TopicPartition(topic: Topics.source(theme.id), partition: $0) }
        }
    }

    /// One service's progress over the run.
    struct ServiceFigures {
        var records = 0
        var maxLag: Int64 = 0
        /// When a sample last saw its count grow (from the start of the day).
        var last: Duration = .zero

        mutating func update(records: Int, lag: Int64, at elapsed: Duration) {
            if records > self.records { last = elapsed }
            self.records = records
            maxLag = max(maxLag, lag)
        }

        /// Records per second from the start of the day to the sample that saw its last
        /// records (the sampling interval bounds the error; every service starts with the day).
        var rate: Double { last > .zero ? Double(records) / last.seconds : 0 }
    }

    /// A sample: what each service has done and how far it is behind.
    struct Sample {
        var line: String
        var caughtUp: Bool
    }

    func sample(at elapsed: Duration, published: Int, publishingDone: Bool, api: Int) async -> Sample {
        let found = (try? await ends.read(sources)) ?? [:]
        let router = found.isEmpty ? -1 : ((try? await routerLag.records(ends: found)) ?? -1)
        let library = found.isEmpty ? -1 : ((try? lag(of: services.projector.target, ends: found)) ?? -1)
        let credit = found.isEmpty ? -1 : ((try? lag(of: services.credit.target, ends: found)) ?? -1)
        publishing.update(records: published, lag: 0, at: elapsed)
        let counters = services.router.counters
        update("router", records: counters.read, lag: router, at: elapsed)
        update("library projector", records: services.projector.counters.read, lag: library, at: elapsed)
        update("credit projector", records: services.credit.counters.read, lag: credit, at: elapsed)
        if let hub = MemorySamples.residentKiB(getpid()) { hubMemory.add(hub) }
        if let brokerPID, let broker = MemorySamples.residentKiB(brokerPID) { brokerMemory.add(broker) }
        let line = "t=\(Int(elapsed.seconds)) s: published \(published), router read \(counters.read) (lag \(router), \(counters.deliveredTotal) delivered), library read \(services.projector.counters.read) (lag \(library)), credit read \(services.credit.counters.read) (lag \(credit)), api \(api) answered, RSS hub \(hubMemory.last / 1024) MB" + (brokerMemory.last > 0 ? ", broker \(brokerMemory.last / 1024) MB" : "")
        return Sample(line: line, caughtUp: publishingDone && router == 0 && library == 0 && credit == 0)
    }

    private func update(_ name: String, records: Int, lag: Int64, at elapsed: Duration) {
        figures[name, default: ServiceFigures()].update(records: records, lag: lag, at: elapsed)
    }

    /// Records of the target's topics not yet in its store.
    private func lag<Target: ProjectionTarget>(of target: Target, ends: [TopicPartition: Int64]) throws -> Int64 {
        let topics = Set(target.sourceTopics)
        let stored = try target.positions()
        return ends.reduce(0) { lag, end in
            guard topics.contains(end.key.topic) else { return lag }
            return lag + max(0, end.value - stored[SourcePartition(topic: end.key.topic, partition: end.key.partition), default: 0])
        }
    }

    /// The summary lines.
    func report(wall: Duration, publishedAt: Duration, records: Int) -> [String] {
        var lines = ["wall     \(CityDayBench.minutes(wall)) for \(records) records (\(Console.grouped(Double(records) / wall.seconds)) records/s through the whole hub); the adapters had published all after \(CityDayBench.minutes(publishedAt))"]
        lines.append("adapters \(Console.grouped(Double(publishing.records) / max(publishedAt.seconds, 0.001))) records/s published (validated before they leave)")
        for name in ["router", "library projector", "credit projector"] {
            let service = figures[name] ?? ServiceFigures()
            lines.append("\(name): \(service.records) records, \(Console.grouped(service.rate)) records/s (from the start of the day to its last record), max lag \(service.maxLag) records")
        }
        lines.append("memory   hub process: peak \(hubMemory.summary)")
        if !brokerMemory.kib.isEmpty { lines.append("memory   dev broker (in-memory storage holds every topic): peak \(brokerMemory.summary)") }
        return lines
    }

    func close() async { await routerLag.close() }
}

/// Resident-memory samples of a process (KiB), summarised as the peak and the value at each
/// quarter of the run: flat memory shows as similar quarters.
struct MemorySamples {
    var kib: [Int] = []

    mutating func add(_ value: Int) { kib.append(value) }

    var last: Int { kib.last ?? 0 }

    /// `peak MB (at each quarter of the run: a / b / c / d MB)`.
    var summary: String {
        guard let peak = kib.max() else { return "n/a" }
        let quarters = [1, 2, 3, 4].map { kib[max(0, min(kib.count - 1, kib.count * $0 / 4 - 1))] }
        return "\(peak / 1024) MB (at each quarter of the run: \(quarters.map { "\($0 / 1024)" }.joined(separator: " / ")) MB)"
    }

    /// A process's resident memory now (`VmRSS` of `/proc/<pid>/status`), nil when unreadable.
    static func residentKiB(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
}
