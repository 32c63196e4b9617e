import ArgumentParser
import Foundation
import ServiceLifecycle
import ShuniuLibraries

/// `shuniu project`: the projector of the person and legal-entity libraries.
struct ProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Project the base themes' src.<theme> topics into the person and legal-entity libraries (SQLite).",
        discussion: """
        Runs until SIGINT or SIGTERM (or, with --until-end, until the topics' current ends are reached),
        applying each batch and its source positions in one SQLite transaction; a restart resumes
        exactly where the last committed batch ended. `shuniu project status` prints counts and digests;
        `shuniu project rebuild` replays every topic into a fresh file and compares digests.
        """,
        subcommands: [ProjectRun.self, ProjectStatus.self, ProjectRebuild.self],
        defaultSubcommand: ProjectRun.self
    )
}

/// `shuniu project [run]`.
struct ProjectRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the projector (the default).")

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @OptionGroup var library: LibraryOptions

    @Flag(help: "Stop once the ends the topics have now are reached, instead of following new records.")
    var untilEnd = false

    @Option(help: "Most records per store transaction.")
    var batchSize = 20_000

    func run() async throws {
        let logger = ServiceLogging.logger("shuniu.projector")
        var config = ProjectorConfig()
        config.client = broker.client(id: "shuniu-projector")
        config.follow = !untilEnd
        config.batchSize = batchSize
        let store = try library.openStore()
        let projector = ProjectorService(config: config, catalogue: try catalog.load(), store: store, logger: logger)
        let started = ContinuousClock.now
        let progress = ProjectorProgress(projector: projector)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: projector, successTerminationBehavior: .gracefullyShutdownGroup),
                       .init(service: progress, successTerminationBehavior: .ignore)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        Console.endProgress()
        let counters = projector.counters
        let seconds = (ContinuousClock.now - started).seconds
        Console.say("projected \(counters.read) records in \(String(format: "%.1f", seconds)) s: \(counters.applied) applied, \(counters.stale) stale (duplicates or older versions), \(counters.rejected) refused by validation")
        let totals = try store.totals()
        Console.say("library \(library.library): \(totals.subjects[.person] ?? 0) persons, \(totals.subjects[.entity] ?? 0) legal entities")
    }
}

/// A progress line on stderr while the projector runs.
struct ProjectorProgress: Service {
    let counters: @Sendable () -> ProjectorCounters

    init<Target>(projector: ProjectorService<Target>) { counters = { projector.counters } }

    func run() async throws {
        let started = ContinuousClock.now
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(1))
                let counters = self.counters()
                let rate = Double(counters.read) / max((ContinuousClock.now - started).seconds, 0.001)
                Console.progress("projecting: \(Console.grouped(Double(counters.read))) records read, \(Console.grouped(Double(counters.applied))) applied (\(Console.grouped(rate))/s)")
            }
        }
    }
}
