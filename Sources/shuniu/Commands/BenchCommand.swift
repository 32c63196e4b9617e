import ArgumentParser

/// `shuniu bench ...`: throughput benchmarks that print figures beside a raw baseline.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks that print figures next to the raw librdkafka baseline.",
        subcommands: [KafkaBenchCommand.self]
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
