import Foundation
import Logging
import RawKafkaBench
import ShuniuKafka
import ShuniuModel
import ShuniuSubscriber

/// `shuniu bench subscriber`: records/s from `sub.<department>` into the department's SQLite
/// mirror (`MirrorSink`: checks, dedupe, versions, one transaction per batch), beside a raw
/// librdkafka consume of the same topic. The deliveries are made by the real router first
/// (`RouterBench`, one round), so the records carry the envelope the subscriber checks.
struct SubscriberBench {
    let client: KafkaClientConfig
    let catalogue: Catalogue
    let count: Int
    let rounds: Int
    let work: URL

    func run() async throws {
        guard let theme = catalogue.theme("household-registration"),
              let department = RouterBench.subscribers(catalogue: catalogue, theme: theme).first else {
            throw BenchError(message: "the catalogue has no household-registration theme with an entitled department")
        }
        Console.say("shuniu bench subscriber: \(department.id) mirrors sub.\(department.id) into SQLite, \(rounds) round(s), broker \(client.bootstrapServers)")
        Console.say("routing \(count) events first (the router's deliveries are what the subscriber reads) ...")
        try await RouterBench(client: client, catalogue: catalogue, count: count, rounds: 1).run()
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let topic = Topics.subscriber(department.id)
        let partitions = try await KafkaAdmin(client: client).listTopics().first { $0.name == topic }?.partitions ?? 1
        let records = try await EndOffsets(client: client)
            .read((0..<Int32(partitions)).map { TopicPartition(topic: topic, partition: $0) }).values.reduce(0, +)

        var figures = BenchRounds()
        for round in 1...rounds {
            var raw = shuniu_raw_result()
            if shuniu_raw_consume(client.bootstrapServers, topic, Int32(partitions), records, &raw) != 0 {
                throw BenchError(message: "raw consume of \(topic) failed")
            }
            let rawRate = raw.seconds > 0 ? Double(raw.messages) / raw.seconds : 0
            let path = work.appendingPathComponent("mirror-\(round).sqlite").path
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            var config = SubscriberConfig(department: department.id)
            config.client = client
            var logger = ServiceLogging.logger("shuniu.bench.subscriber")
            if ProcessInfo.processInfo.environment["SHUNIU_LOG_LEVEL"] == nil { logger.logLevel = .error }
            let service = SubscriberService(config: config, logger: logger, sink: { try MirrorSink(path: path) })
            let task = Task { try await service.run() }
            // Timed from the first record read (the group join is not timed) to the end.
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(120)
            while service.counters.read == 0 {
                guard clock.now < deadline else {
                    task.cancel()
                    throw BenchError(message: "the subscriber read nothing from \(topic) in 120 s")
                }
                try await Task.sleep(for: .milliseconds(5))
            }
            let started = clock.now, cpuBefore = ProcessCPU.seconds(), readBefore = service.counters.read
            try await task.value
            let elapsed = (clock.now - started).seconds
            let cpu = ProcessCPU.seconds() - cpuBefore
            let counters = service.counters
            let timed = counters.read - readBefore
            guard timed > 0, elapsed > 0.05 else {
                Console.say("round \(round): too few records to time; run with --count 200000 or more")
                continue
            }
            let rate = Double(timed) / elapsed
            let cpuPerRecord = cpu / Double(timed) * 1_000_000
            Console.say(String(format: "round %d: subscriber %@ records/s into the mirror, %.1f µs CPU per record (%d written, %d duplicates, %d refused), raw consume %@ records/s",
                               round, Console.grouped(rate) as NSString, cpuPerRecord, counters.written, counters.duplicates,
                               counters.refused, Console.grouped(rawRate) as NSString))
            figures.add("subscriber records/s", rate)
            figures.add("subscriber CPU µs/record", cpuPerRecord)
            figures.add("raw consume records/s", rawRate)
        }
        for line in figures.lines(format: { name, value in name.hasSuffix("/s") ? Console.grouped(value) : String(format: "%.1f", value) }) {
            Console.say(line)
        }
        Console.say("goal     >= 50 000 records/s (median): \((figures.summary("subscriber records/s")?.median ?? 0) >= 50_000 ? "met" : "not met")")
    }
}
