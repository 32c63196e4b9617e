import ShuniuKafka
import ShuniuModel

/// One department's exchange counts.
public struct DepartmentExchange: Codable, Sendable, Hashable {
    /// Records on the source topics of the themes it provides.
    public var sourceRecords: Int64 = 0
    /// Records it sent that the router rejected, by reason.
    public var rejected: [String: Int] = [:]
    /// Records delivered to its `sub.<department>` topic (at-least-once: repeats included).
    public var received: Int64 = 0

    /// All zero.
    public init() {}

    /// Rejections, all reasons.
    public var rejectedTotal: Int { rejected.values.reduce(0, +) }
}

/// Exchange counts per department, read from the topics themselves (topic ends and dead
/// letters), so they cover every router instance: `shuniu stats` and `GET /v1/stats`.
public enum ExchangeStats {
    /// The counts of every catalogue department (and of any unknown sender found in a dead-letter topic).
    public static func read(client: KafkaClientConfig, catalogue: Catalogue) async throws(KafkaError) -> [String: DepartmentExchange] {
        let admin = try KafkaAdmin(client: client)
        let existing = Set(try await admin.listTopics().map(\.name))
        let ends = try EndOffsets(client: client)
        func records(_ topic: String, partitions: Int) async throws(KafkaError) -> Int64 {
            guard existing.contains(topic) else { return 0 }
            let found = try await ends.read((0..<Int32(partitions)).map { TopicPartition(topic: topic, partition: $0) })
            return found.values.reduce(0, +)
        }
        var rows: [String: DepartmentExchange] = [:]
        for department in catalogue.departments { rows[department.id] = DepartmentExchange() }
        for theme in catalogue.themes {
            rows[theme.provider]?.sourceRecords += try await records(Topics.source(theme.id), partitions: theme.partitions)
            guard existing.contains(Topics.deadLetter(theme.id)) else { continue }
            for message in try await TopicReader(client: client).read(Topics.deadLetter(theme.id)) {
                let sender = String(decoding: message.headers.value(named: EnvelopeHeaderName.source) ?? [], as: UTF8.self)
                let reason = String(decoding: message.headers.value(named: "shuniu_reason") ?? [], as: UTF8.self)
                rows[sender, default: DepartmentExchange()].rejected[reason, default: 0] += 1
            }
        }
        for department in catalogue.departments {
            rows[department.id]?.received = try await records(Topics.subscriber(department.id), partitions: Topics.subscriberPartitions)
        }
        return rows
    }
}
