import Foundation
import ArgumentParser

/// `shuniu bench ...`: throughput benchmarks that print figures beside a raw baseline.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks that print figures next to the raw librdkafka baseline.",
        subcommands: [KafkaBenchCommand.self, RouterBenchCommand.self, SubscriberBenchCommand.self, ProjectBenchCommand.self,
                      APIBenchCommand.self, CityDayBenchCommand.self]
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

    @Option(help: "Events to route per round.")
    var count = 200_000

    @Option(help: "Rounds (each publishes --count events and routes them with a restarted router); min and median are reported.")
    var rounds = 3

    func validate() throws {
        guard (1...20).contains(rounds) else { throw ValidationError("--rounds must be 1...20") }
        guard (1...50_000_000).contains(count) else { throw ValidationError("--count must be 1...50000000") }
    }

    func run() async throws {
        try await RouterBench(client: broker.client(id: "shuniu-bench"), catalogue: try catalog.load(), count: count,
                              rounds: rounds).run()
    }
}

/// `shuniu bench subscriber`: records/s from `sub.<department>` into the department's mirror.
struct SubscriberBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscriber",
        abstract: "Records/s from sub.<department> into its SQLite mirror, next to raw librdkafka consume of the same topic.",
        discussion: """
        Routes --count events with the router benchmark first (three grants on household-registration, revoked at the end),
        then mirrors the first grantee's topic into a fresh SQLite file per round. Use a scratch broker, e.g.
        `ops/broker.sh start --port 19999` and --bootstrap 127.0.0.1:19999. Build in release mode:
        swift build -c release --product shuniu && .build/release/shuniu bench subscriber
        """
    )

    @OptionGroup var broker: BrokerOptions
    @OptionGroup var catalog: CatalogOptions

    @Option(help: "Events to route (each gives one delivery to the mirrored department).")
    var count = 200_000

    @Option(help: "Rounds, each into a fresh mirror file; min and median are reported.")
    var rounds = 3

    @Option(help: "Where the mirror files go.")
    var work = ".shuniu/bench-subscriber"

    func validate() throws {
        guard (1...20).contains(rounds) else { throw ValidationError("--rounds must be 1...20") }
        guard (1...50_000_000).contains(count) else { throw ValidationError("--count must be 1...50000000") }
    }

    func run() async throws {
        try await SubscriberBench(client: broker.client(id: "shuniu-bench"), catalogue: try catalog.load(), count: count,
                                  rounds: rounds, work: URL(fileURLWithPath: work)).run()
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
        process (durable, then a rebuild into a fresh file) --rounds times, sampling its memory and its CPU time. Build in release mode:
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

    @Option(help: "Rounds of projection and rebuild (each into a fresh file); min and median are reported.")
    var rounds = 2

    func validate() throws {
        guard (1...20).contains(rounds) else { throw ValidationError("--rounds must be 1...20") }
    }

    func run() async throws {
        let work = URL(fileURLWithPath: work)
        try await ProjectBench(client: broker.client(id: "shuniu-bench"), catalogue: try catalog.load(), persons: persons,
                               entities: entities ?? max(10, persons / 20), cityDirectory: work.appendingPathComponent("city"),
                               workDirectory: work, rounds: rounds).run()
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

    @Option(help: "Measured wrk runs after the baseline; min and median are reported.")
    var rounds = 3

    func validate() throws {
        guard (1...20).contains(rounds) else { throw ValidationError("--rounds must be 1...20") }
    }

    func run() async throws {
        try await APIBench(client: broker.client(id: "shuniu-bench"), catalogue: try catalog.load(), persons: persons,
                           duration: duration, connections: connections, threads: threads, rounds: rounds).run()
    }
}

/// `shuniu bench city-day`: one city's day through the whole hub at once.
struct CityDayBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "city-day",
        abstract: "One day of a city's exchange (8.53 M records by default) through adapters, router, projectors, open data and API at once.",
        discussion: """
        Generates a city, loads its department feeds into memory and publishes --records change events through the
        adapter path (the feeds interleaved as one day, replayed as new versions when the day is longer than the city's
        feeds), while the router shares them under the demo's grants, the library and credit projectors build their stores,
        the open-data service refreshes every 30 s and the API answers --api-rate look-ups/s. Every 10 s a line shows each
        service's records and lag and the memory of the hub and the broker; at the end: the wall time, each service's
        records/s, the API's latency and the peak memory. Needs a fresh broker; the dev broker keeps every topic in memory
        (about 1.5 GB per million records of the day with the demo's grants). Build in release mode:
        swift build -c release --product shuniu && .build/release/shuniu bench city-day --bootstrap 127.0.0.1:19999
        """
    )

    @OptionGroup var broker: BrokerOptions
    @OptionGroup var catalog: CatalogOptions

    @Option(help: "Change records in the day (Guangzhou: 8 530 000 exchange records a day).")
    var records = 8_530_000

    @Option(help: "Persons in the synthetic city (legal entities: persons / 20); its feeds are the day's mix of themes.")
    var persons = 200_000

    @Option(help: "Person look-ups per second on the API during the day (0: none).")
    var apiRate = 200

    @Option(help: "Where the city, the libraries, the open data and the keys go (started afresh).")
    var work = ".shuniu/bench-city-day"

    @Option(help: "Give up when the hub has not caught up after this many minutes.")
    var timeoutMinutes = 120

    func validate() throws {
        guard (1_000...100_000_000).contains(records) else { throw ValidationError("--records must be 1000...100000000") }
        guard (1_000...5_000_000).contains(persons) else { throw ValidationError("--persons must be 1000...5000000") }
        guard (0...5_000).contains(apiRate) else { throw ValidationError("--api-rate must be 0...5000") }
        guard (1...1_440).contains(timeoutMinutes) else { throw ValidationError("--timeout-minutes must be 1...1440") }
    }

    func run() async throws {
        try await CityDayBench(client: broker.client(id: "shuniu-bench"), catalogue: try catalog.load(),
                               catalogueDirectory: catalog.directory, records: records, persons: persons, apiRate: apiRate,
                               work: URL(fileURLWithPath: work), timeout: .seconds(timeoutMinutes * 60)).run()
    }
}
