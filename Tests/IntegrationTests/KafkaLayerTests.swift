import Foundation
import ShuniuKafka
import Testing

/// The Kafka layer against the real Tansu broker started by `ops/`.
@Suite(.serialized) struct KafkaLayerTests {
    @Test func hundredThousandRecordsComeBackByteForByteInKeyOrder() async throws {
        let topic = try await Broker.freshTopic("roundtrip", partitions: 3)
        let producer = try KafkaProducer(config: ProducerConfig(client: Broker.client))
        let total = 100_000
        var records: [ProducerRecord] = []
        records.reserveCapacity(total)
        for index in 0..<total {
            let subject = "subject-\(index % 1_000)"
            records.append(ProducerRecord(
                topic: topic, key: Array(subject.utf8),
                value: Array(#"{"n":\#(index),"pad":"\#(String(repeating: "z", count: index % 200))"}"#.utf8),
                headers: [KafkaHeader(name: "ce_id", string: "evt-\(index)"),
                          KafkaHeader(name: "ce_sequence", string: String(index / 1_000)),
                          KafkaHeader(name: "bytes", value: [0, 255, UInt8(index % 256)])]))
        }
        var pending: [PendingDelivery] = []
        for start in stride(from: 0, to: total, by: 10_000) {
            pending.append(try await producer.enqueue(Array(records[start..<start + 10_000])))
        }
        var reports: [DeliveryReport] = []
        for batch in pending { reports += await batch.reports() }
        await producer.close()
        #expect(reports.firstError == nil)

        let received = try await Broker.readAll(topic, partitions: 3)
        #expect(received.count == total)
        var byPosition: [Int64: ConsumerMessage] = [:]
        for message in received { byPosition[Int64(message.partition) << 40 | message.offset] = message }
        var mismatches = 0
        for (record, report) in zip(records, reports) {
            let message = byPosition[Int64(report.partition) << 40 | report.offset]
            if message?.key != record.key || message?.value != record.value! || message?.headers != record.headers {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
        for (_, messages) in Dictionary(grouping: received, by: { $0.key! }) {
            let sequences = messages.sorted { $0.offset < $1.offset }.map { Int($0.headers[1].stringValue)! }
            #expect(sequences == sequences.sorted())
            #expect(Set(messages.map(\.partition)).count == 1, "one key, one partition")
        }
    }

    @Test func groupResumesAfterRestartWithNothingLostOrSkipped() async throws {
        let topic = try await Broker.freshTopic("resume", partitions: 3)
        let group = "it-resume-\(UUID().uuidString.prefix(8))"
        let producer = try KafkaProducer(config: ProducerConfig(client: Broker.client))
        let total = 3_000
        let reports = try await producer.send((0..<total).map {
            ProducerRecord(topic: topic, key: Array("k\($0 % 31)".utf8), value: Array("v\($0)".utf8))
        })
        #expect(reports.firstError == nil)

        var seen: [String] = []
        let deadline = ContinuousClock.now + .seconds(120)
        let first = try KafkaConsumer(config: Broker.groupConsumer(group))
        try first.subscribe([topic])
        while seen.count < 1_000 && ContinuousClock.now < deadline {
            let batch = try await first.poll(maxMessages: 1_000 - seen.count)
            seen += batch.messages.map { String(decoding: $0.value, as: UTF8.self) }
            try first.markProcessed(batch.messages)
        }
        // Read but not marked processed: must be delivered again after the restart.
        let unmarked = try await first.poll(maxMessages: 50, timeout: .seconds(2))
        try await first.commit()
        await first.close()

        let second = try KafkaConsumer(config: Broker.groupConsumer(group))
        try second.subscribe([topic])
        var afterRestart: [String] = []
        while seen.count + afterRestart.count < total && ContinuousClock.now < deadline {
            let batch = try await second.poll()
            afterRestart += batch.messages.map { String(decoding: $0.value, as: UTF8.self) }
            try second.markProcessed(batch.messages)
        }
        try await second.commit()
        await second.close()

        #expect(seen.count == 1_000)
        #expect(Set(seen).isDisjoint(with: afterRestart), "processed and committed records are not read again")
        #expect(Set(seen + afterRestart) == Set((0..<total).map { "v\($0)" }), "nothing lost or skipped")
        #expect(seen.count + afterRestart.count == total)
        for message in unmarked.messages {
            #expect(afterRestart.contains(String(decoding: message.value, as: UTF8.self)))
        }
    }

    @Test func transactionalProduceIsVisibleOnceCommitted() async throws {
        let topic = try await Broker.freshTopic("txn", partitions: 1)
        var config = ProducerConfig(client: Broker.client)
        config.transactionalID = "it-txn-\(UUID().uuidString)"
        let producer = try KafkaProducer(config: config)
        try await producer.initTransactions()
        try await producer.beginTransaction()
        let reports = try await producer.send((0..<100).map {
            ProducerRecord(topic: topic, key: nil, value: Array("txn-\($0)".utf8))
        })
        #expect(reports.firstError == nil)
        try await producer.commitTransaction()
        await producer.close()

        let received = try await Broker.readAll(topic, partitions: 1)
        #expect(received.map { String(decoding: $0.value, as: UTF8.self) } == (0..<100).map { "txn-\($0)" })
    }

    @Test func producerAtAClosedPortFailsRetriablyWithinItsTimeout() async throws {
        var config = ProducerConfig(client: KafkaClientConfig(bootstrapServers: "127.0.0.1:1"))
        config.messageTimeout = .seconds(3)
        let producer = try KafkaProducer(config: config)
        let started = ContinuousClock.now
        let reports = try await producer.send([ProducerRecord(topic: "nowhere", value: Array("x".utf8))])
        let waited = ContinuousClock.now - started
        let error = try #require(reports.firstError)
        #expect(error.code == .messageTimedOut)
        #expect(error.isRetriable)
        #expect(error.description.contains("nowhere"))
        #expect(waited < .seconds(30), "fails within its message timeout (3 s) instead of hanging")
        await producer.close(timeout: .seconds(1))
    }

    @Test func creatingAnExistingTopicIsNotAnError() async throws {
        let admin = try KafkaAdmin(client: Broker.client)
        let name = Broker.uniqueTopic("exists")
        let first = try await admin.createTopics([NewTopic(name: name, partitions: 2)])
        let second = try await admin.createTopics([NewTopic(name: name, partitions: 2)])
        #expect(first == [name: true])
        #expect(second == [name: false])
        let listed = try await admin.listTopics().first { $0.name == name }
        #expect(listed?.partitions == 2)
    }
}

/// End offsets count records, not batches (Tansu's ListOffsets answers the last batch's base
/// offset + 1; lag, grant catch-up and stats rely on the true end).
@Suite struct WatermarkTests {
    @Test func highWatermarkCountsEveryRecordOfABatch() async throws {
        let broker = try TestBroker()
        let admin = try KafkaAdmin(client: broker.client)
        _ = try await admin.createTopics([NewTopic(name: "wm", partitions: 1)])
        var config = ProducerConfig(client: broker.client)
        config.linger = .milliseconds(50)
        let producer = try KafkaProducer(config: config)
        let reports = try await producer.send((0..<500).map { ProducerRecord(topic: "wm", partition: 0, value: Array("r\($0)".utf8)) })
        #expect(reports.last?.offset == 499)
        await producer.close()
        let partition = TopicPartition(topic: "wm", partition: 0)
        #expect(try await EndOffsets(client: broker.client).read([partition]) == [partition: 500])
    }
}
