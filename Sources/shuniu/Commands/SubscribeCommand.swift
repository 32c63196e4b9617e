import ArgumentParser
import Foundation
import ServiceLifecycle
import ShuniuSubscriber

/// `shuniu subscribe --as DEPT`: the department's client for `sub.<department>`.
struct SubscribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscribe",
        abstract: "Receive a department's stream (sub.<department>): JSON Lines or CSV, or an SQLite mirror per theme.",
        discussion: """
        Reads in the consumer group shuniu-sub.<department>. Every record must carry the grant id, legal basis and
        source position the router adds; one without them is refused (logged, counted, exit status 3).
        Repeats (same grant and ce_id) are skipped. With --out or --into, the positions are written with the data,
        so a restart (even after kill -9) resumes exactly where the last write ended; to stdout, a restart resumes
        from the group's commits (at least once). Stops at the end of the stream unless --follow is given.
        """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions

    @Option(name: .customLong("as"), help: "The receiving department (a department id of the catalogue).")
    var department: String

    @Option(help: "Output format for stdout or --out: jsonl or csv.")
    var format: String = "jsonl"

    @Option(help: "Append to FILE (exactly once across restarts; FILE.ids and FILE.state are kept beside it).")
    var out: String?

    @Option(help: "Keep the department's exchange database: an SQLite file with a mirror table per theme.")
    var into: String?

    @Flag(help: "Keep running after the end of the stream (until SIGINT/SIGTERM).")
    var follow = false

    @Option(help: "Records per poll and durable write.")
    var batchSize = 5_000

    func validate() throws {
        guard DeliveryFormat(rawValue: format) != nil else { throw ValidationError("--format must be jsonl or csv, not '\(format)'") }
        if out != nil && into != nil { throw ValidationError("give --out FILE or --into FILE.sqlite, not both") }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
    }

    func run() async throws {
        let catalogue = try catalog.load()
        guard catalogue.department(department) != nil else {
            throw ValidationError("unknown department '\(department)'; departments: \(catalogue.departments.map(\.id).sorted().joined(separator: ", "))")
        }
        let logger = ServiceLogging.logger("shuniu.subscribe")
        var config = SubscriberConfig(department: department)
        config.client = broker.client(id: "shuniu-sub-\(department)")
        config.follow = follow
        config.batchSize = batchSize
        let format = DeliveryFormat(rawValue: format)!
        let out = out, into = into, topic = config.topic
        let service = SubscriberService(config: config, logger: logger, sink: {
            if let into { return try MirrorSink(path: into) }
            if let out { return try FileSink(path: out, format: format) }
            return try FileSink(stdout: format)
        }, onProgress: { counters in
            Console.progress("\(topic): \(counters.line)")
        })
        // Without --follow the service ends by itself at the end of the stream: that ends the run.
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch let error as SubscriberError {
            Console.endProgress()
            throw ValidationError(error.description)
        }
        Console.endProgress()
        let counters = service.counters
        FileHandle.standardError.write(Data("\(config.topic): \(counters.line)\n".utf8))
        if counters.refused > 0 {
            FileHandle.standardError.write(Data("\(counters.refused) record(s) refused: they lack the router's grant headers (see the errors above)\n".utf8))
            throw ExitCode(3)
        }
    }
}
