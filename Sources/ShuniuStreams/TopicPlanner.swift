import ShuniuKafka
import ShuniuModel

/// Creates every topic the catalogue implies (`src.*`, `sub.*`, `dlq.*`, `audit.*`, `ctl.*`),
/// idempotently, with the configs of its ``TopicConfigPolicy``, and checks the configs of the
/// topics that existed already (DescribeConfigs); with `fix` it sets the wrong ones
/// (IncrementalAlterConfigs).
public struct TopicPlanner: Sendable {
    /// What `apply` found and did.
    public struct Outcome: Sendable {
        /// Topics created now.
        public var created: [TopicSpec]
        /// Topics that already existed.
        public var existing: [TopicSpec]
        /// Configs of existing topics that differ from the policy (before any fix).
        public var wrong: [TopicConfigFinding] = []
        /// The findings that were fixed now (`fix: true`); empty otherwise.
        public var fixed: [TopicConfigFinding] = []
        /// Why the configs of existing topics could not be checked, if they could not.
        public var uncheckedReason: String?
        /// Why the fix failed, if it was asked for and failed.
        public var fixError: String?

        /// The findings still wrong on the cluster.
        public var remaining: [TopicConfigFinding] { wrong.filter { !fixed.contains($0) } }
    }

    let admin: KafkaAdmin
    /// The configs each topic must have.
    public let policy: TopicConfigPolicy

    /// A planner acting through `admin` with the configs of `policy`.
    public init(admin: KafkaAdmin, policy: TopicConfigPolicy = TopicConfigPolicy()) {
        self.admin = admin
        self.policy = policy
    }

    /// The topic to create for `spec`, with its replication factor and configs.
    public func newTopic(_ spec: TopicSpec) -> NewTopic {
        NewTopic(name: spec.name, partitions: spec.partitions, replicationFactor: policy.replicationFactor,
                 configs: policy.configs(for: spec.name))
    }

    /// Creates the topics of `catalogue` that do not exist yet, then checks the configs of
    /// those that did; `fix` alters the wrong ones. A cluster that cannot describe configs is
    /// not an error here: ``Outcome/uncheckedReason`` says why.
    public func apply(_ catalogue: Catalogue, fix: Bool = false) async throws(KafkaError) -> Outcome {
        let plan = catalogue.topicPlan()
        let result = try await admin.createTopics(plan.map(newTopic))
        var outcome = Outcome(created: plan.filter { result[$0.name] == true },
                              existing: plan.filter { result[$0.name] == false })
        guard !outcome.existing.isEmpty else { return outcome }
        do {
            outcome.wrong = try await check(outcome.existing.map(\.name))
        } catch {
            outcome.uncheckedReason = "\(error)"
            return outcome
        }
        if fix && !outcome.wrong.isEmpty {
            do {
                try await admin.alterTopicConfigs(TopicConfigCheck.changes(fixing: outcome.wrong))
                let after = try await check(Array(Set(outcome.wrong.map(\.topic))))
                let still = Set(after.map { "\($0.topic) \($0.config)" })
                outcome.fixed = outcome.wrong.filter { !still.contains("\($0.topic) \($0.config)") }
                if !still.isEmpty { outcome.fixError = "the cluster accepted the change but still describes \(still.count) config(s) as before" }
            } catch {
                outcome.fixError = "\(error)"
            }
        }
        return outcome
    }

    /// The configs of `topics` that differ from the policy.
    public func check(_ topics: [String]) async throws(KafkaError) -> [TopicConfigFinding] {
        let described = try await admin.describeTopicConfigs(topics)
        let expected = Dictionary(uniqueKeysWithValues: topics.map { ($0, policy.configs(for: $0)) })
        return TopicConfigCheck.findings(expected: expected, described: described.mapValues { entries in
            entries.mapValues { (value: $0.value, isDefault: $0.isDefault) }
        })
    }
}
