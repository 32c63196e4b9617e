import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuStreams
import ShuniuSubscriber

/// A `sub.<department>` stream as the router writes it (change events with the grant, basis and
/// source headers), with repeats of earlier deliveries mixed in as a router restart causes them,
/// and the reference of what a subscriber must end up with.
struct SubscriberStream {
    /// The records in the order produced (per subject the order of its partition).
    var events: [ChangeEvent] = []

    /// `count` deliveries of marriage rows for `subjects` subjects; every 40th record repeats an
    /// earlier delivery (same grant and ce_id).
    init(seed: UInt64, count: Int, subjects: Int = 2_000) {
        var scenario = RoutingScenario(seed: seed, subjects: subjects)
        let theme = RoutingScenario.catalogue.theme("marriage")!
        var random = ScenarioRandom(seed: seed &+ 1)
        while events.count < count {
            if events.count % 40 == 39 {
                // A repeat of a recent delivery of the same subject's partition order is harmless:
                // it repeats one whose ce_id is already out.
                events.append(events[random.int(max(0, events.count - 500)..<events.count)])
                continue
            }
            var event = scenario.event(theme)
            event.setExtension("shuniu_grant", text: "g-marriage")
            event.setExtension("shuniu_basis", text: "社会救助暂行办法")
            event.setExtension("shuniu_source", text: "src.marriage/0/\(events.count)")
            events.append(event)
        }
    }

    /// Dedupe keys (grant TAB ce_id) of every distinct delivery.
    var distinctKeys: Set<String> { Set(events.map { "g-marriage\t\($0.id)" }) }

    /// What the mirror must hold: per subject the highest-sequence row unless it was deleted
    /// after it (subject → (sequence, row JSON)).
    var mirror: [String: (Int64, String)] {
        var rows: [String: (Int64, String)] = [:]
        var deleted: [String: Int64] = [:]
        for event in events {
            if event.action == .deleted {
                if let row = rows[event.subject], row.0 < event.sequence { rows[event.subject] = nil }
                deleted[event.subject] = max(deleted[event.subject] ?? -1, event.sequence)
            } else if (rows[event.subject]?.0 ?? -1) < event.sequence && (deleted[event.subject] ?? -1) < event.sequence {
                rows[event.subject] = (event.sequence, String(decoding: event.value, as: UTF8.self))
            }
        }
        return rows
    }

    /// Produces the records (or those in `range`) to `sub.<department>`.
    func produce(to department: String, client: KafkaClientConfig, range: Range<Int>? = nil) async throws {
        let producer = try KafkaProducer(config: ProducerConfig(client: client))
        let slice = events[range ?? events.indices]
        for start in stride(from: slice.startIndex, to: slice.endIndex, by: 2_000) {
            let records = slice[start..<min(start + 2_000, slice.endIndex)].map {
                ProducerRecord(event: $0, topic: Topics.subscriber(department))
            }
            let reports = try await producer.send(records)
            if let error = reports.firstError { throw error }
        }
        await producer.close()
    }
}

/// `shuniu subscribe` as a child process.
enum SubscriberProcess {
    static func start(_ broker: TestBroker, department: String, output: [String], follow: Bool, log: String,
                      batchSize: Int = 500) throws -> pid_t {
        try ChildProcess.spawn([ShuniuBinary.url.path, "subscribe", "--as", department, "--bootstrap", broker.bootstrap,
                                "--catalog", TestBroker.root.appendingPathComponent("topics").path,
                                "--batch-size", String(batchSize)] + output + (follow ? ["--follow"] : []),
                               environment: ["SHUNIU_LOG_LEVEL": "warning"], output: log)
    }
}
