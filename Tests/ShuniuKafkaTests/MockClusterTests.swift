import Foundation
import ShuniuKafka
import Testing

/// The Kafka layer against librdkafka's in-process mock cluster: no broker process at all.
@Suite struct MockClusterTests {
    let cluster: KafkaMockCluster

    init() throws {
        cluster = try KafkaMockCluster(brokers: 1)
    }

    var client: KafkaClientConfig { KafkaClientConfig(bootstrapServers: cluster.bootstrapServers) }

    func producer(_ edit: (inout ProducerConfig) -> Void = { _ in }) throws -> KafkaProducer {
        var config = ProducerConfig(client: client)
        config.linger = .milliseconds(1)
        edit(&config)
        return try KafkaProducer(config: config)
    }

    func records(_ count: Int, topic: String, partition: Int32? = nil) -> [ProducerRecord] {
        (0..<count).map { index in
            ProducerRecord(topic: topic, partition: partition, key: Array("key-\(index % 7)".utf8),
                           value: Array("value-\(index)".utf8),
                           headers: [KafkaHeader(name: "ce_id", string: "id-\(index)"),
                                     KafkaHeader(name: "ce_sequence", string: String(index)),
                                     KafkaHeader(name: "empty", value: [])])
        }
    }

    /// Reads every record of `topic` from the beginning until each partition's end.
    func readAll(_ topic: String, partitions: Int32) async throws -> [ConsumerMessage] {
        var config = ConsumerConfig(client: client)
        config.reportEndOfPartition = true
        let consumer = try KafkaConsumer(config: config)
        try consumer.assign((0..<partitions).map { TopicPartitionOffset(topic: topic, partition: $0, offset: .beginning) })
        var messages: [ConsumerMessage] = []
        var ended = Set<Int32>()
        let deadline = ContinuousClock.now + .seconds(60)
        while ended.count < partitions && ContinuousClock.now < deadline {
            let batch = try await consumer.poll()
            messages += batch.messages
            for eof in batch.endOfPartition { ended.insert(eof.partition) }
        }
        await consumer.close()
        return messages
    }

    @Test func producedRecordsReadBackByteForByteWithHeaders() async throws {
        try cluster.createTopic("roundtrip", partitions: 2)
        let producer = try producer()
        let sent = records(500, topic: "roundtrip")
        let reports = try await producer.send(sent)
        #expect(reports.firstError == nil)
        #expect(reports.allSatisfy { $0.offset >= 0 && ($0.partition == 0 || $0.partition == 1) })

        let received = try await readAll("roundtrip", partitions: 2)
        #expect(received.count == 500)
        let byID = Dictionary(uniqueKeysWithValues: received.map { ($0.headers.value(named: "ce_id")!, $0) })
        for (index, record) in sent.enumerated() {
            let message = try #require(byID[Array("id-\(index)".utf8)])
            #expect(message.key == record.key)
            #expect(message.value == record.value!)
            #expect(message.headers == record.headers)
            #expect(message.offset == reports[index].offset)
            #expect(message.partition == reports[index].partition)
        }
    }

    @Test func sameKeyKeepsItsOrder() async throws {
        try cluster.createTopic("ordered", partitions: 3)
        let producer = try producer()
        _ = try await producer.send(records(700, topic: "ordered"))
        let received = try await readAll("ordered", partitions: 3)
        let sequences = Dictionary(grouping: received) { $0.key! }.mapValues { messages in
            messages.sorted { $0.offset < $1.offset }.map { Int(String(decoding: $0.headers.value(named: "ce_sequence")!, as: UTF8.self))! }
        }
        #expect(sequences.count == 7)
        for (_, sequence) in sequences { #expect(sequence == sequence.sorted()) }
    }

    @Test func fullQueueWaitsInsteadOfDropping() async throws {
        try cluster.createTopic("pressure", partitions: 1)
        let producer = try producer { $0.queueCapacity = 50 }
        let reports = try await producer.send(records(5_000, topic: "pressure"))
        #expect(reports.firstError == nil)
        #expect(Set(reports.map(\.offset)).count == 5_000)
    }

    @Test func refusedPropertyNamesItselfAndHidesSecrets() throws {
        var config = ProducerConfig(client: client)
        config.client.properties["no.such.property"] = "1"
        #expect {
            _ = try KafkaProducer(config: config)
        } throws: { error in
            let error = error as! KafkaError
            return error.code == .invalidArgument && error.message.contains("no.such.property")
        }
        var secret = ProducerConfig(client: client)
        secret.client.properties["sasl.password"] = "hunter2"
        secret.client.properties["sasl.mechanism"] = "NOT-A-MECHANISM"
        secret.client.security.protocolName = "sasl_plaintext"
        do {
            _ = try KafkaProducer(config: secret)
            Issue.record("an unknown SASL mechanism must be refused")
        } catch {
            #expect(!error.description.contains("hunter2"))
        }
        #expect(!secret.client.security.description.contains("hunter2"))
    }

    @Test func groupCommitsAndResumesWhereItStopped() async throws {
        try cluster.createTopic("resume", partitions: 2)
        let producer = try producer()
        _ = try await producer.send(records(300, topic: "resume"))

        func member() throws -> KafkaConsumer {
            let consumer = try KafkaConsumer(config: ConsumerConfig(client: client, groupID: "resume-group"))
            try consumer.subscribe(["resume"])
            return consumer
        }
        var seen: [String] = []
        let first = try member()
        let deadline = ContinuousClock.now + .seconds(60)
        while seen.count < 120 && ContinuousClock.now < deadline {
            let batch = try await first.poll(maxMessages: 120 - seen.count)
            seen += batch.messages.map { String(decoding: $0.headers.value(named: "ce_id")!, as: UTF8.self) }
            try first.markProcessed(batch.messages)
        }
        try await first.commit()
        await first.close()
        #expect(seen.count == 120)

        // Its own time budget: joining the group again takes a few seconds, more on a busy machine.
        let second = try member()
        let secondDeadline = ContinuousClock.now + .seconds(90)
        while seen.count < 300 && ContinuousClock.now < secondDeadline {
            let batch = try await second.poll()
            seen += batch.messages.map { String(decoding: $0.headers.value(named: "ce_id")!, as: UTF8.self) }
            try second.markProcessed(batch.messages)
        }
        try await second.commit()
        await second.close()
        #expect(seen.count == 300)
        #expect(Set(seen).count == 300, "no record read twice after a clean commit")
    }

    /// CreateTopics needs a controller, which the mock cluster lacks: IntegrationTests cover it.
    @Test func adminListsTopicsAndReportsWatermarks() async throws {
        try cluster.createTopic("admin-a", partitions: 3)
        let admin = try KafkaAdmin(client: client)
        let topics = try await admin.listTopics()
        #expect(topics.contains(TopicMetadata(name: "admin-a", partitions: 3)))

        let producer = try producer()
        _ = try await producer.send(records(42, topic: "admin-a", partition: 1))
        let marks = try await admin.watermarks(topic: "admin-a", partition: 1)
        #expect(marks == Watermarks(low: 0, high: 42))
    }

    @Test func transactionCommitsRecordsAndOffsets() async throws {
        try cluster.createTopic("txn-out", partitions: 1)
        let producer = try producer { $0.transactionalID = "txn-test-\(UUID().uuidString)" }
        try await producer.initTransactions()
        try await producer.beginTransaction()
        let reports = try await producer.send(records(10, topic: "txn-out"))
        #expect(reports.firstError == nil)
        try await producer.commitTransaction()

        let committed = try await readAll("txn-out", partitions: 1)
        #expect(committed.count == 10)
        #expect(committed.map(\.value) == records(10, topic: "txn-out").map { $0.value! })

        try await producer.beginTransaction()
        _ = try await producer.send(records(5, topic: "txn-out"))
        try await producer.abortTransaction()
        // The mock cluster, like the Tansu dev broker, does not hide aborted records from
        // read_committed readers, so only the abort call itself is checked here.
    }

    @Test func transactionalCallsNeedATransactionalID() async throws {
        let producer = try producer()
        await #expect(throws: KafkaError.self) { try await producer.beginTransaction() }
    }

    @Test func closedProducerRefusesToSend() async throws {
        try cluster.createTopic("closing", partitions: 1)
        let producer = try producer()
        try await producer.send(records(1, topic: "closing")[0])
        await producer.close()
        await #expect(throws: KafkaError.self) { try await producer.send(records(1, topic: "closing")[0]) }
    }

    @Test func rebalanceListenerHearsTheAssignment() async throws {
        try cluster.createTopic("rebalance", partitions: 2)
        let heard = Heard()
        var config = ConsumerConfig(client: client, groupID: "rebalance-group")
        config.onRebalance = { event in
            if case .assigned(let partitions) = event { heard.add(partitions) }
        }
        let consumer = try KafkaConsumer(config: config)
        try consumer.subscribe(["rebalance"])
        // A wait for the event, not a timing: the join once took over 90 s on a loaded machine.
        let deadline = ContinuousClock.now + .seconds(600)
        while heard.partitions.isEmpty && ContinuousClock.now < deadline { _ = try await consumer.poll() }
        #expect(Set(heard.partitions) == [TopicPartition(topic: "rebalance", partition: 0), TopicPartition(topic: "rebalance", partition: 1)])
        #expect(Set(try consumer.assignment()) == Set(heard.partitions))
        await consumer.close()
    }
}

/// Collects what a callback heard, across threads.
final class Heard: @unchecked Sendable {
    // @unchecked Sendable: every access goes through `lock`.
    private let lock = NSLock()
    private var stored: [TopicPartition] = []
    func add(_ partitions: [TopicPartition]) { lock.withLock { stored += partitions } }
    var partitions: [TopicPartition] { lock.withLock { stored } }
}
