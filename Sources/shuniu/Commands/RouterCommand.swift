import ArgumentParser
import Foundation
import ServiceLifecycle
import ShuniuRouter

/// `shuniu router`: the share-by-function router as a long-running service.
struct RouterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "router",
        abstract: "Route src.<theme> events to subscribers under their grants, with dead letters and a hash-chained audit.",
        discussion: """
        Runs until SIGINT or SIGTERM, then finishes the batch in hand, commits and exits.
        Start several instances with the same --group to share the source partitions.
        The hub secret (pseudonym keys) is read from $SHUNIU_SECRET or $SHUNIU_SECRET_FILE; without one of at least 32 bytes it exits 78.
        """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions

    @Option(help: "The consumer group shared by router instances.")
    var group = "shuniu-router"

    @Option(help: "Source records per batch.")
    var batchSize = 5_000

    @Option(help: "The largest record written, in bytes: the producer's message.max.bytes; match the broker's limit (docs/bounds.md).")
    var maxRecordBytes = RecordSize.defaultLimit

    @Flag(help: "Use Kafka transactions (outputs and offsets commit atomically); for clusters that honour them, not the dev broker.")
    var exactlyOnce = false

    @Option(help: "Serve Prometheus metrics on 127.0.0.1:PORT/metrics (0: off).")
    var metricsPort = 9464

    func run() async throws {
        let logger = ServiceLogging.logger("shuniu.router")
        var config = RouterConfig()
        config.client = broker.client(id: "shuniu-router")
        config.groupID = group
        config.batchSize = batchSize
        config.exactlyOnce = exactlyOnce
        guard maxRecordBytes >= 65_536 && maxRecordBytes <= 1_000_000_000 else {
            throw ValidationError("--max-record-bytes must be 65536...1000000000 (librdkafka's range for message.max.bytes, with room for a dead-letter stub)")
        }
        config.maximumRecordBytes = maxRecordBytes
        config.secret = try SecretOption.load()
        let router = RouterService(config: config, catalogue: try catalog.load(), logger: logger)
        var services: [any Service] = [router]
        if metricsPort > 0 {
            services.append(MetricsEndpoint(port: metricsPort, logger: logger) { RouterMetrics.render(router.counters) })
        }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger))
        try await group.run()
    }
}
