import ShuniuKafka
import ShuniuModel

/// Creates every topic the catalogue implies (`src.*`, `sub.*`, `dlq.*`, `audit.exchange`,
/// `ctl.grants`), idempotently.
public struct TopicPlanner: Sendable {
    /// What `apply` found and did.
    public struct Outcome: Sendable {
        /// Topics created now.
        public var created: [TopicSpec]
        /// Topics that already existed.
        public var existing: [TopicSpec]
    }

    let admin: KafkaAdmin

    /// A planner acting through `admin`.
    public init(admin: KafkaAdmin) { self.admin = admin }

    /// Creates the topics of `catalogue` that do not exist yet.
    public func apply(_ catalogue: Catalogue) async throws(KafkaError) -> Outcome {
        let plan = catalogue.topicPlan()
        let result = try await admin.createTopics(plan.map { NewTopic(name: $0.name, partitions: $0.partitions) })
        return Outcome(created: plan.filter { result[$0.name] == true },
                       existing: plan.filter { result[$0.name] == false })
    }
}
