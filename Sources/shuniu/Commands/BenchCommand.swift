import Foundation
import ArgumentParser

/// `shuniu bench ...`: throughput benchmarks that print figures beside a raw baseline.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks that print figures next to the raw librdkafka baseline.",
        subcommands: [KafkaBenchCommand.self, RouterBenchCommand.self, ProjectBenchCommand.self, APIBenchCommand.self]
    )
}

/// `shuniu bench kafka`: the Swift layer's produce/consume rate next to plain C librdkafka.
struct KafkaBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafka",
        abstract: "Produce and consume throughput of the Swift layer vs. raw librdkafka on the same broker.",
        discussion: "Build in release mode for meaningful figures: swift run -c release shuniu bench kafka"
    )

    @OptionGroup var broker: BrokerOptions

    @Option(help: "Records per run.")
    var count = 1_000_000

    @Option(help: "Value size in bytes.")
    var size = 300

    @Option(help: "Partitions of each benchmark topic.")
    var partitions = 3

    @Option(help: "Rounds; the best of each is reported.")
    var rounds = 1

    func run() async throws {
        let bench = KafkaBench(client: broker.client(id: "shuniu-bench"), count: count, size: size,
                               partitions: partitions)
        try await bench.run(rounds: rounds)
    }
}

/// `shuniu bench router`: events/s through one router, beside the raw produce rate.
struct RouterBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "router",
        abstract: "Events/s through one router (3 grants, masks, audit) next to raw librdkafka produce.",
        discussion: """
        Creates three grants on household-registration (revoked again at the end) and publishes the events to
        src.household-registration: use a scratch broker, e.g. `ops/broker.sh start --port 19999` and --bootstrap 127.0.0.1:19999.
        Build in release mode: swift run -c release shuniu bench router
        """
    )

    @OptionGroup var broker: BrokerOptions
    @OptionGroup var catalog: CatalogOptions

    @Option(help: "Events to route.")
    var count = 200_000

    func run() async throws {
        try await RouterBench(client: broker.client(id: "shuniu-bench"), catalogue: try catalog.load(), count: count).run()
    }
}

/// `shuniu bench project`: the projector's events/s and a city's rebuild time.
struct ProjectBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Events/s into the libraries and the rebuild time of a city, beside raw consume and raw SQLite upsert rates.",
        discussion: """
        Generates a city and publishes its library themes when the topics are empty (use a scratch broker:
        `ops/broker.sh start --port 19999`, then --bootstrap 127.0.0.1:19999), then runs the projector twice as a child
        process (durable, then a rebuild into a fresh file), sampling its memory. Build in release mode:
        swift build -c release && .build/release/shuniu bench project
        """
    )

    @OptionGroup var broker: BrokerOptions
    @OptionGroup var catalog: CatalogOptions

    @Option(help: "Persons in the city.")
    var persons = 1_000_000

    @Option(help: "Legal entities (default: persons / 20).")
    var entities: Int?

    @Option(help: "Where the city and the library files go.")
    var work = ".shuniu/bench-project"

    func run() async throws {
        let work = URL(fileURLWithPath: work)
        try await ProjectBench(client: broker.client(id: "shuniu-bench"), catalogue: try catalog.load(), persons: persons,
                               entities: entities ?? max(10, persons / 20), cityDirectory: work.appendingPathComponent("city"),
                               workDirectory: work).run()
    }
}

/// `shuniu bench api`: person look-ups/s and p50/p99 through `shuniu serve` with wrk.
struct APIBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Person look-ups/s and p50/p99 latency over loopback (wrk), grants and masks enforced, access audit on.",
        discussion: """
        Builds a scratch library and key file under .shuniu/, grants the housing bureau two themes (revoked again at the end),
        writes access records to audit.access: use a scratch broker, e.g. `ops/broker.sh start --port 19999` and --bootstrap 127.0.0.1:19999.
        Needs wrk (`apt-get install -y wrk`). Build in release mode: swift run -c release shuniu bench api
        """
    )

    @OptionGroup var broker: BrokerOptions
    @OptionGroup var catalog: CatalogOptions

    @Option(help: "Persons in the library (each looked up in turn).")
    var persons = 100_000

    @Option(help: "Seconds of load.")
    var duration = 10

    @Option(help: "wrk connections.")
    var connections = 32

    @Option(help: "wrk threads.")
    var threads = 1

    func run() async throws {
        try await APIBench(client: broker.client(id: "shuniu-bench"), catalogue: try catalog.load(), persons: persons,
                           duration: duration, connections: connections, threads: threads).run()
    }
}
