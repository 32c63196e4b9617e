import ArgumentParser
import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuStreams

/// `shuniu stats`: exchange counts per department, read from the topics themselves.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Per department: records on its source topics, records rejected (by reason), records received.",
        discussion: "Counts come from the broker (topic ends and dead letters), so they cover every router instance. A running router also serves its own counters on /metrics."
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let catalogue = try catalog.load()
        let client = broker.client(id: "shuniu-stats")
        let admin = try KafkaAdmin(client: client)
        let existing = Set(try await admin.listTopics().map(\.name))
        let ends = try EndOffsets(client: client)
        func records(_ topic: String, partitions: Int) async throws -> Int64 {
            guard existing.contains(topic) else { return 0 }
            let found = try await ends.read((0..<Int32(partitions)).map { TopicPartition(topic: topic, partition: $0) })
            return found.values.reduce(0, +)
        }
        var rows: [String: DepartmentStats] = [:]
        for department in catalogue.departments { rows[department.id] = DepartmentStats() }
        for theme in catalogue.themes {
            rows[theme.provider]?.sourceRecords += try await records(Topics.source(theme.id), partitions: theme.partitions)
            guard existing.contains(Topics.deadLetter(theme.id)) else { continue }
            for message in try await TopicReader(client: client).read(Topics.deadLetter(theme.id)) {
                let sender = String(decoding: message.headers.value(named: EnvelopeHeaderName.source) ?? [], as: UTF8.self)
                let reason = String(decoding: message.headers.value(named: "shuniu_reason") ?? [], as: UTF8.self)
                rows[sender, default: DepartmentStats()].rejected[reason, default: 0] += 1
            }
        }
        for department in catalogue.departments {
            rows[department.id]?.received = try await records(Topics.subscriber(department.id), partitions: Topics.subscriberPartitions)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            Console.say(String(decoding: try encoder.encode(rows), as: UTF8.self))
            return
        }
        let table = rows.keys.sorted().compactMap { id -> [String]? in
            let row = rows[id]!
            guard row.sourceRecords + row.received + Int64(row.rejectedTotal) > 0 else { return nil }
            let reasons = row.rejected.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return [id, String(row.sourceRecords), String(row.rejectedTotal), reasons, String(row.received)]
        }
        Table(header: ["department", "src records", "rejected", "reasons", "received"], rows: table).print()
    }
}

/// One department's exchange counts.
struct DepartmentStats: Codable {
    /// Records on the source topics of the themes it provides.
    var sourceRecords: Int64 = 0
    /// Records it sent that the router rejected, by reason.
    var rejected: [String: Int] = [:]
    /// Records delivered to its `sub.<department>` topic (at-least-once: repeats included).
    var received: Int64 = 0

    var rejectedTotal: Int { rejected.values.reduce(0, +) }
}
