import ArgumentParser
import Foundation
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
        let rows = try await ExchangeStats.read(client: broker.client(id: "shuniu-stats"), catalogue: catalogue)
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
