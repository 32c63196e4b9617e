import Foundation
import Logging
import ServiceLifecycle
import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams

/// Runs a `RouterService` in-process on a test broker and waits for it to catch up.
final class RouterHarness: @unchecked Sendable {
    // @unchecked Sendable: all stored properties are immutable references to Sendable values.
    let broker: TestBroker
    let group: ServiceGroup
    let task: Task<Void, Error>
    let groupID: String
    static let secretText = "integration-test-secret-integration-test-secret"
    static let secret = try! HubSecret(bytes: Array(secretText.utf8))
    static let keys = PseudonymKeys(secret: secret, departments: [])

    /// The `ce_id` the router delivers for source event `source` under `grant` (the delivered
    /// envelope of docs/router.md, computed independently of the router's code).
    static func deliveredID(_ source: String, grant: String, subscriber: String, leftScope: Bool = false) -> String {
        "d-" + keys.pseudonym("ce_id\n\(grant)\n\(leftScope ? "left-scope" : "event")\n\(source)", for: subscriber).prefix(32)
    }

    /// `secret`: the hub secret the grants were signed under (the router checks them with it).
    init(broker: TestBroker, groupID: String = "shuniu-router", batchSize: Int = 2_000, exactlyOnce: Bool = false,
         secret: HubSecret = RouterHarness.secret) {
        var config = RouterConfig()
        config.exactlyOnce = exactlyOnce
        config.client = broker.client
        config.groupID = groupID
        config.batchSize = batchSize
        config.secret = secret
        var logger = Logger(label: "it.router")
        logger.logLevel = .warning
        let service = RouterService(config: config, catalogue: RoutingScenario.catalogue, logger: logger)
        group = ServiceGroup(configuration: .init(services: [service], logger: logger))
        self.broker = broker
        self.groupID = groupID
        task = Task { [group] in try await group.run() }
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }

    /// Waits until the router group has committed every source record published so far.
    func waitUntilRouted(themes: [Theme], timeout: Duration = .seconds(180)) async throws {
        try await RouterProgress(broker: broker, groupID: groupID).waitUntilRouted(themes: themes, timeout: timeout)
    }
}

/// Waits for a router group to catch up, by its committed offsets.
struct RouterProgress {
    let broker: TestBroker
    let groupID: String

    /// The sum of the group's committed offsets over the themes' source partitions.
    func committedTotal(themes: [Theme]) async throws -> Int64 {
        let reader = try KafkaConsumer(config: ConsumerConfig(client: broker.client, groupID: groupID))
        let partitions = themes.flatMap { theme in (0..<Int32(theme.partitions)).map { TopicPartition(topic: Topics.source(theme.id), partition: $0) } }
        let committed = try await reader.committed(partitions)
        await reader.close()
        return committed.map { max($0.offset.rawValue, 0) }.reduce(0, +)
    }

    /// Waits until the group has committed every source record of `themes` published so far.
    func waitUntilRouted(themes: [Theme], timeout: Duration = .seconds(180)) async throws {
        let lag = try RouterLag(client: broker.client, groupID: groupID)
        try await lag.waitUntilCaughtUp(themes: themes, timeout: timeout)
        await lag.close()
    }
}
