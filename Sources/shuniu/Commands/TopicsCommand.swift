import ArgumentParser
import ShuniuKafka
import ShuniuModel
import ShuniuStreams

/// `shuniu topics apply`.
struct TopicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Create the topics the catalogue implies, with their configs, and check the configs of existing ones.",
        subcommands: [Apply.self]
    )

    /// `shuniu topics apply [--fix]`.
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create src.<theme>, dlq.<theme>, sub.<department>, audit.* and ctl.* with explicit configs; check existing ones.",
            discussion: """
            src.*, ctl.* and audit.* never expire (retention.ms=-1, retention.bytes=-1, cleanup.policy=delete); \
            sub.* and dlq.* keep --sub-retention-days and --dlq-retention-days. Every topic gets min.insync.replicas \
            and max.message.bytes. A topic that exists with a different config is reported with its fix, and the \
            command exits 1, unless --fix sets the right values (IncrementalAlterConfigs). See docs/topics.md.
            """)

        @OptionGroup var options: CatalogOptions
        @OptionGroup var broker: BrokerOptions

        @Option(help: "Days sub.<department> topics keep their records (-1: never expire).")
        var subRetentionDays: Int64 = 30

        @Option(help: "Days dlq.<theme> topics keep their records (-1: never expire).")
        var dlqRetentionDays: Int64 = 90

        @Option(help: "Replicas per partition of new topics (1 on the dev broker; 3 on a real cluster).")
        var replicationFactor = 1

        @Option(help: "min.insync.replicas of every topic (at most the replication factor; 2 with 3 replicas).")
        var minInsyncReplicas = 1

        @Option(help: "max.message.bytes of every topic (0: leave it to the broker's message.max.bytes).")
        var maxMessageBytes = TopicConfigPolicy.kafkaDefaultMaxMessageBytes

        @Flag(help: "Set the configs of existing topics that differ (IncrementalAlterConfigs).")
        var fix = false

        /// The policy the options describe.
        func policy() throws -> TopicConfigPolicy {
            var policy = TopicConfigPolicy()
            policy.subscriberRetentionMilliseconds = try milliseconds(days: subRetentionDays, "--sub-retention-days")
            policy.deadLetterRetentionMilliseconds = try milliseconds(days: dlqRetentionDays, "--dlq-retention-days")
            policy.replicationFactor = replicationFactor
            policy.minInSyncReplicas = minInsyncReplicas
            policy.maxMessageBytes = maxMessageBytes == 0 ? nil : maxMessageBytes
            do { try policy.validate() } catch { throw ValidationError(error.description) }
            return policy
        }

        private func milliseconds(days: Int64, _ option: String) throws -> Int64 {
            if days == -1 { return -1 }
            guard (1...36_500).contains(days) else { throw ValidationError("\(option) must be -1 (never expire) or 1...36500 days (got \(days))") }
            return days * TopicConfigPolicy.dayMilliseconds
        }

        func run() async throws {
            let catalogue = try options.load()
            let policy = try policy()
            let admin = try KafkaAdmin(client: broker.client(id: "shuniu-topics"))
            let outcome = try await TopicPlanner(admin: admin, policy: policy).apply(catalogue, fix: fix)
            for topic in outcome.created { Console.say("created \(topic.name) (\(topic.partitions) partitions)") }
            Console.say("\(outcome.created.count) topic(s) created, \(outcome.existing.count) already present, on \(broker.bootstrap)")
            if let reason = outcome.uncheckedReason {
                Console.say("warning: the configs of existing topics were not checked: \(reason)")
            }
            for finding in outcome.fixed { Console.say("fixed: \(finding)") }
            let remaining = outcome.remaining
            if let fixError = outcome.fixError { Console.say("the fix failed: \(fixError)") }
            guard !remaining.isEmpty else {
                if outcome.uncheckedReason == nil && !outcome.existing.isEmpty { Console.say("the configs of every existing topic are as planned") }
                return
            }
            for finding in remaining { Console.say("wrong config: \(finding)") }
            Console.say("\(remaining.count) config(s) differ from the plan. Fix: `shuniu topics apply --fix` (same options), or per config:")
            for finding in remaining { Console.say("  " + finding.kafkaConfigsCommand(bootstrap: broker.bootstrap)) }
            throw ExitCode(1)
        }
    }
}
