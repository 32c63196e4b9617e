import ArgumentParser
import Foundation
import ShuniuKafka

/// `shuniu demo`: the main job of the README's first command.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Publish sample record-change events through the hub's Kafka layer and read them back."
    )

    @OptionGroup var broker: BrokerOptions

    @Option(help: "How many sample records to publish.")
    var records = 5_000

    func run() async throws {
        let demo = KafkaRoundTrip(client: broker.client(id: "shuniu-demo"), topic: "demo.records", partitions: 3)
        try await demo.run(records: records)
    }
}
