import ArgumentParser
import ShuniuKafka
import ShuniuStreams

/// `shuniu topics apply`.
struct TopicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Create the topics the catalogue implies.",
        subcommands: [Apply.self]
    )

    /// `shuniu topics apply`.
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create src.<theme>, sub.<department>, dlq.<theme>, audit.exchange and ctl.grants; existing ones are left as they are.")

        @OptionGroup var options: CatalogOptions
        @OptionGroup var broker: BrokerOptions

        func run() async throws {
            let catalogue = try options.load()
            let admin = try KafkaAdmin(client: broker.client(id: "shuniu-topics"))
            let outcome = try await TopicPlanner(admin: admin).apply(catalogue)
            for topic in outcome.created { Console.say("created \(topic.name) (\(topic.partitions) partitions)") }
            Console.say("\(outcome.created.count) topic(s) created, \(outcome.existing.count) already present, on \(broker.bootstrap)")
        }
    }
}
