import ArgumentParser
import Foundation
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel

/// `shuniu project status`: what the library holds, how far it is behind, and its digests.
struct ProjectStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Counts, lag behind the topics, and content digests of a library.")

    @OptionGroup var broker: BrokerOptions
    @OptionGroup var library: LibraryOptions

    @Flag(help: "Do not ask the broker for the lag.")
    var offline = false

    func run() async throws {
        let store = try library.openExisting()
        let totals = try store.totals()
        Console.say("library \(library.library)")
        for kind in LibraryKind.allCases {
            Console.say("  \(kind.rawValue): \(totals.subjects[kind] ?? 0) subjects, \(totals.slices[kind] ?? 0) theme slices, \(totals.tombstones[kind] ?? 0) deleted; digest \(try store.digest(kind))")
        }
        Console.say("  records read \(totals.read): applied \(totals.applied), stale \(totals.stale), refused \(totals.rejected)")
        guard !offline else { return }
        let positions = try store.positions()
        let ends = try await EndOffsets(client: broker.client(id: "shuniu-status")).read(positions.keys.map { TopicPartition(topic: $0.topic, partition: $0.partition) })
        let behind = ends.reduce(Int64(0)) { $0 + max(0, $1.value - (positions[SourcePartition(topic: $1.key.topic, partition: $1.key.partition)] ?? 0)) }
        Console.say("  behind the topics by \(behind) records (partitions seen: \(positions.count))")
    }
}

/// `shuniu project rebuild`: replays every source topic from the beginning into a fresh file.
struct ProjectRebuild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Replay the topics from the beginning into a fresh library file and print its digests.",
        discussion: "When the live library (--library) exists, its digests are printed beside the rebuild's; they are equal when it has projected the same records.")

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @OptionGroup var library: LibraryOptions

    @Option(help: "The fresh file (default: <library>.rebuild); replaced if it exists.")
    var into: String?

    func run() async throws {
        let target = into ?? library.library + ".rebuild"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
        let logger = ServiceLogging.logger("shuniu.projector")
        var config = ProjectorConfig()
        config.client = broker.client(id: "shuniu-rebuild")
        config.follow = false
        config.batchSize = 100_000
        let store = try SQLiteLibraryStore(path: target, bulk: true)
        let projector = ProjectorService(config: config, catalogue: try catalog.load(), store: store, logger: logger)
        let started = ContinuousClock.now
        let progress = Task { try await ProjectorProgress(projector: projector).run() }
        try await projector.run()
        progress.cancel()
        Console.endProgress()
        let seconds = (ContinuousClock.now - started).seconds
        let counters = projector.counters
        Console.say("rebuilt \(target) from \(counters.read) records in \(String(format: "%.1f", seconds)) s (\(Console.grouped(Double(counters.read) / max(seconds, 0.001))) records/s)")
        let live = FileManager.default.fileExists(atPath: library.library) ? try SQLiteLibraryStore(path: library.library) : nil
        var differ = false
        for kind in LibraryKind.allCases {
            let rebuilt = try store.digest(kind)
            var line = "  \(kind.rawValue) digest \(rebuilt)"
            if let live {
                let current = try live.digest(kind)
                line += current == rebuilt ? "  = live library" : "  ≠ live library \(current)"
                differ = differ || current != rebuilt
            }
            Console.say(line)
        }
        if differ {
            Console.say("the live library differs: it may be behind the topics (see `shuniu project status`) or altered")
            throw ExitCode(2)
        }
    }
}
