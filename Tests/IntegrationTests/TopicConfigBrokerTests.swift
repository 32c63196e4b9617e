import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuStreams
import Testing

/// `topics apply` against the real dev broker (which keeps the configs given at CreateTopics,
/// answers DescribeConfigs with exactly those, and applies IncrementalAlterConfigs): created
/// with the configs, a topic created beforehand with wrong ones reported, then fixed.
@Suite("Topic configs on the broker", .serialized)
struct TopicConfigBrokerTests {
    static let catalogue = RoutingScenario.catalogue

    @Test("every topic is created with its configs; wrong configs of an existing topic are reported and --fix sets them")
    func createReportFix() async throws {
        let broker = try TestBroker()
        let admin = try KafkaAdmin(client: broker.client)
        let policy = TopicConfigPolicy()
        let subscriber = Topics.subscriber(try #require(Self.catalogue.departments.first).id)
        // Made beforehand as an operator might: Kafka's 7-day default written out, compacted; and one with no configs.
        _ = try await admin.createTopics([
            NewTopic(name: Topics.grants, partitions: 1, configs: ["retention.ms": "604800000", "cleanup.policy": "compact"]),
            NewTopic(name: subscriber, partitions: Topics.subscriberPartitions),
        ])
        let planner = TopicPlanner(admin: admin, policy: policy)
        let outcome = try await planner.apply(Self.catalogue)
        let plan = Self.catalogue.topicPlan()
        #expect(outcome.created.count == plan.count - 2)
        #expect(Set(outcome.existing.map(\.name)) == [Topics.grants, subscriber])
        #expect(outcome.uncheckedReason == nil)

        // Created: DescribeConfigs shows the policy's configs on every one of them.
        let described = try await admin.describeTopicConfigs(outcome.created.map(\.name))
        for topic in outcome.created {
            let values = (described[topic.name] ?? [:]).compactMapValues(\.value)
            for (name, value) in policy.configs(for: topic.name) {
                #expect(values[name] == value, "\(topic.name) \(name)")
            }
        }
        #expect(described[Topics.audit]?["retention.ms"]?.value == "-1")
        #expect(described[Topics.source(try #require(Self.catalogue.themes.first).id)]?["retention.ms"]?.value == "-1")
        #expect(described[Topics.deadLetter(try #require(Self.catalogue.themes.first).id)]?["retention.ms"]?.value == "7776000000")

        // Reported: each wrong config of the two existing topics, with the value found.
        let wrong = Dictionary(uniqueKeysWithValues: outcome.wrong.map { ("\($0.topic) \($0.config)", $0) })
        #expect(wrong["ctl.grants retention.ms"]?.actual == "604800000")
        #expect(wrong["ctl.grants retention.ms"]?.expected == "-1")
        #expect(wrong["ctl.grants cleanup.policy"]?.actual == "compact")
        #expect(wrong["\(subscriber) retention.ms"]?.expected == "2592000000")
        #expect(Set(outcome.wrong.map(\.topic)) == [Topics.grants, subscriber])
        #expect(outcome.remaining.count == outcome.wrong.count)
        #expect(outcome.fixed.isEmpty)

        // Fixed: IncrementalAlterConfigs, then described again as planned.
        let fixed = try await planner.apply(Self.catalogue, fix: true)
        #expect(fixed.fixError == nil)
        #expect(fixed.created.isEmpty)
        #expect(Set(fixed.fixed) == Set(outcome.wrong))
        #expect(fixed.remaining.isEmpty)
        let after = try await admin.describeTopicConfigs([Topics.grants])
        #expect(after[Topics.grants]?["retention.ms"]?.value == "-1")
        #expect(after[Topics.grants]?["cleanup.policy"]?.value == "delete")
        #expect(try await planner.apply(Self.catalogue).wrong.isEmpty)
    }

    @Test("shuniu topics apply exits 1 naming the wrong config and its fix, and 0 after --fix")
    func command() async throws {
        let broker = try TestBroker()
        _ = try await KafkaAdmin(client: broker.client).createTopics([NewTopic(name: Topics.audit, partitions: Topics.auditPartitions)])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-topics-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ extra: [String], _ name: String) throws -> (code: Int32, output: String) {
            let log = folder.appendingPathComponent(name).path
            let pid = try ChildProcess.spawn([ShuniuBinary.url.path, "topics", "apply", "--bootstrap", broker.bootstrap,
                                              "--catalog", TestBroker.root.appendingPathComponent("topics").path] + extra, output: log)
            return (ChildProcess.wait(pid), (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
        }
        let first = try run([], "first.log")
        #expect(first.code == 1, "\(first.output)")
        #expect(first.output.contains("wrong config: audit.exchange: retention.ms is not set (the broker's default applies), must be -1"), "\(first.output)")
        #expect(first.output.contains("--entity-name audit.exchange --add-config retention.ms=-1"))
        let fix = try run(["--fix"], "fix.log")
        #expect(fix.code == 0, "\(fix.output)")
        #expect(fix.output.contains("fixed: audit.exchange: retention.ms"))
        let again = try run([], "again.log")
        #expect(again.code == 0, "\(again.output)")
        #expect(again.output.contains("the configs of every existing topic are as planned"))
        let refused = try run(["--min-insync-replicas", "2"], "refused.log")
        #expect(refused.code != 0 && refused.output.contains("min.insync.replicas"), "\(refused.output)")
    }
}
