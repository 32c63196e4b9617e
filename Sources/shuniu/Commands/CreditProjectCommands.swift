import ArgumentParser
import Foundation
import ServiceLifecycle
import ShuniuCredit
import ShuniuLibraries

/// `shuniu credit project`: the credit library's projector.
struct CreditProject: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Project the credit themes and ctl.credit-objections into the credit library (SQLite).")

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @OptionGroup var library: CreditLibraryOptions

    @Flag(help: "Stop once the ends the topics have now are reached, instead of following new records.")
    var untilEnd = false

    @Option(help: "Most records per store transaction.")
    var batchSize = 20_000

    func run() async throws {
        let logger = ServiceLogging.logger("shuniu.credit")
        let catalogue = try catalog.load()
        var config = ProjectorConfig()
        config.client = broker.client(id: "shuniu-credit-projector")
        config.follow = !untilEnd
        config.batchSize = batchSize
        let store = try library.openStore(catalogue: catalogue)
        let projector = try ProjectorService(config: config, catalogue: catalogue, store: store, hub: try HubTrust.load(), logger: logger)
        let started = ContinuousClock.now
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: projector, successTerminationBehavior: .gracefullyShutdownGroup),
                       .init(service: ProjectorProgress(projector: projector), successTerminationBehavior: .ignore)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        Console.endProgress()
        let counters = projector.counters
        let seconds = (ContinuousClock.now - started).seconds
        Console.say("projected \(counters.read) records in \(String(format: "%.1f", seconds)) s: \(counters.applied) applied, \(counters.stale) stale or refused objection steps, \(counters.rejected) refused")
        try CreditStatus.print(try store.totals())
    }
}

/// `shuniu credit status`: counts and the content digest.
struct CreditStatus: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Print the credit library's counts and content digest.")

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var library: CreditLibraryOptions

    func run() throws {
        let store = try library.openExisting(catalogue: try catalog.load())
        try Self.print(try store.totals())
        Console.say("digest \(try store.digest())")
    }

    static func print(_ totals: CreditTotals) throws {
        Console.say("subjects: " + CreditSubjectKind.allCases.map { "\($0.rawValue) \(totals.subjects[$0] ?? 0)" }.joined(separator: ", "))
        Console.say("records: " + CreditClass.allCases.map { "\($0.rawValue) \(totals.records[$0] ?? 0)" }.joined(separator: ", "))
        Console.say("objections: " + ObjectionState.allCases.map { "\($0.rawValue) \(totals.objections[$0] ?? 0)" }.joined(separator: ", "))
    }
}

/// `shuniu credit rebuild`: replays every topic into a fresh file and compares digests.
struct CreditRebuild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Replay the credit topics from the beginning into a fresh file and compare its digest with the live library's.",
        discussion: "Exit code 2 when the live library exists and differs (it may be behind the topics, or altered).")

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @OptionGroup var library: CreditLibraryOptions

    @Option(help: "The fresh file (default: <credit library>.rebuild); replaced if it exists.")
    var into: String?

    func run() async throws {
        let catalogue = try catalog.load()
        let target = into ?? library.creditLibrary + ".rebuild"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
        var config = ProjectorConfig()
        config.client = broker.client(id: "shuniu-credit-rebuild")
        config.follow = false
        config.batchSize = 200_000
        let store = try SQLiteCreditStore(path: target, catalogue: catalogue, bulk: true)
        let projector = try ProjectorService(config: config, catalogue: catalogue, store: store, hub: try HubTrust.load(),
                                             logger: ServiceLogging.logger("shuniu.credit"))
        let started = ContinuousClock.now
        let progress = Task { try await ProjectorProgress(projector: projector).run() }
        try await projector.run()
        progress.cancel()
        Console.endProgress()
        let seconds = (ContinuousClock.now - started).seconds
        let read = projector.counters.read
        Console.say("rebuilt \(target) from \(read) records in \(String(format: "%.1f", seconds)) s (\(Console.grouped(Double(read) / max(seconds, 0.001))) records/s)")
        let rebuilt = try store.digest()
        guard FileManager.default.fileExists(atPath: library.creditLibrary) else {
            Console.say("  digest \(rebuilt)")
            return
        }
        let live = try SQLiteCreditStore(path: library.creditLibrary, catalogue: catalogue).digest()
        Console.say("  digest \(rebuilt)" + (live == rebuilt ? "  = live library" : "  ≠ live library \(live)"))
        if live != rebuilt {
            Console.say("the live library differs: it may be behind the topics (run `shuniu credit project --until-end`) or altered")
            throw ExitCode(2)
        }
    }
}
