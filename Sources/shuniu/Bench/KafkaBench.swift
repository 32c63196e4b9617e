import Foundation
import RawKafkaBench
import ShuniuKafka

/// Measures the Swift Kafka layer against the same loop written in C on the same broker.
struct KafkaBench {
    let client: KafkaClientConfig
    let count: Int
    let size: Int
    let partitions: Int

    /// One measured figure.
    struct Figure {
        var messages: Int
        var seconds: Double
        var rate: Double { seconds > 0 ? Double(messages) / seconds : 0 }
    }

    func run(rounds: Int) async throws {
        Console.say("shuniu bench kafka: \(count) records of \(size) bytes, \(partitions) partitions, acks=all, idempotent, linger 5 ms, broker \(client.bootstrapServers)")
        let admin = try KafkaAdmin(client: client)
        var best: [String: Figure] = [:]
        for round in 1...max(rounds, 1) {
            let stamp = "\(Int(Date().timeIntervalSince1970 * 1000))-\(round)"
            let rawTopic = "bench.raw.\(stamp)"
            let swiftTopic = "bench.swift.\(stamp)"
            _ = try await admin.createTopics([NewTopic(name: rawTopic, partitions: partitions),
                                              NewTopic(name: swiftTopic, partitions: partitions)])
            // Alternate who goes first: the in-memory dev broker slows as it fills up.
            var figures: [(String, Figure)] = []
            if round % 2 == 1 {
                figures.append(("raw produce", try rawProduce(rawTopic)))
                figures.append(("swift produce", try await swiftProduce(swiftTopic)))
                figures.append(("raw consume", try rawConsume(rawTopic)))
                figures.append(("swift consume", try await swiftConsume(swiftTopic)))
            } else {
                figures.append(("swift produce", try await swiftProduce(swiftTopic)))
                figures.append(("raw produce", try rawProduce(rawTopic)))
                figures.append(("swift consume", try await swiftConsume(swiftTopic)))
                figures.append(("raw consume", try rawConsume(rawTopic)))
            }
            for (name, figure) in figures where figure.rate > (best[name]?.rate ?? 0) { best[name] = figure }
            if rounds > 1 {
                Console.say("round \(round): " + figures.map { "\($0.0) \(Console.grouped($0.1.rate))/s" }.joined(separator: ", "))
            }
        }
        report(best)
    }

    private func report(_ best: [String: Figure]) {
        func line(_ what: String, _ swift: Figure?, _ raw: Figure?) {
            guard let swift, let raw else { return }
            let ratio = raw.rate > 0 ? swift.rate / raw.rate * 100 : 0
            Console.say(String(format: "%-8@ swift %12@ msg/s   raw librdkafka %12@ msg/s   swift/raw %5.1f %%",
                               what as NSString, Console.grouped(swift.rate) as NSString,
                               Console.grouped(raw.rate) as NSString, ratio))
        }
        line("produce", best["swift produce"], best["raw produce"])
        line("consume", best["swift consume"], best["raw consume"])
    }

    private func rawProduce(_ topic: String) throws -> Figure {
        var result = shuniu_raw_result()
        if shuniu_raw_produce(client.bootstrapServers, topic, Int64(count), Int32(size), &result) != 0 {
            throw BenchError(message: "raw produce failed: \(errorText(&result)) (\(result.failed) failed)")
        }
        return Figure(messages: Int(result.messages), seconds: result.seconds)
    }

    private func rawConsume(_ topic: String) throws -> Figure {
        var result = shuniu_raw_result()
        if shuniu_raw_consume(client.bootstrapServers, topic, Int32(partitions), Int64(count), &result) != 0 {
            throw BenchError(message: "raw consume failed: \(errorText(&result))")
        }
        return Figure(messages: Int(result.messages), seconds: result.seconds)
    }

    private func swiftProduce(_ topic: String) async throws -> Figure {
        var config = ProducerConfig(client: client)
        config.linger = .milliseconds(5)
        let producer = try KafkaProducer(config: config)
        let value = [UInt8](repeating: UInt8(ascii: "x"), count: size)
        let batchSize = 10_000
        let clock = ContinuousClock()
        let start = clock.now
        var pending: [PendingDelivery] = []
        var sent = 0
        while sent < count {
            let n = min(batchSize, count - sent)
            let records = [ProducerRecord](repeating: ProducerRecord(topic: topic, value: value), count: n)
            pending.append(try await producer.enqueue(records))
            sent += n
        }
        var failed = 0
        for batch in pending { failed += await batch.reports().filter { $0.error != nil }.count }
        let elapsed = clock.now - start
        await producer.close()
        if failed > 0 { throw BenchError(message: "swift produce: \(failed) records failed") }
        return Figure(messages: count, seconds: elapsed.seconds)
    }

    private func swiftConsume(_ topic: String) async throws -> Figure {
        let consumer = try KafkaConsumer(config: ConsumerConfig(client: client))
        try consumer.assign((0..<partitions).map { TopicPartitionOffset(topic: topic, partition: Int32($0), offset: .beginning) })
        let clock = ContinuousClock()
        var start: ContinuousClock.Instant?
        var read = 0
        let deadline = clock.now + .seconds(120)
        while read < count && clock.now < deadline {
            let batch = try await consumer.poll(maxMessages: 10_000)
            if start == nil && !batch.messages.isEmpty { start = clock.now }
            read += batch.messages.count
        }
        let elapsed = clock.now - (start ?? clock.now)
        await consumer.close()
        if read < count { throw BenchError(message: "swift consume: read \(read) of \(count) records in 120 s") }
        return Figure(messages: read, seconds: elapsed.seconds)
    }

    private func errorText(_ result: inout shuniu_raw_result) -> String {
        withUnsafeBytes(of: &result.error) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
    }
}

/// A benchmark that could not be completed, with the reason.
struct BenchError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
