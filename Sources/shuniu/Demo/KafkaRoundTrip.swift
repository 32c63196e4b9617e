import Foundation
import ShuniuKafka

/// Publishes sample change events (key, CloudEvents headers, JSON value) and reads them back,
/// checking every byte and the per-subject order.
struct KafkaRoundTrip {
    let client: KafkaClientConfig
    let topic: String
    let partitions: Int

    func run(records count: Int) async throws {
        let clock = ContinuousClock()
        Console.say("== Shuniu demo: \(count) sample change events through \(topic) on \(client.bootstrapServers)")
        let admin = try KafkaAdmin(client: client)
        let created = try await admin.createTopics([NewTopic(name: topic, partitions: partitions)])
        Console.say(created[topic] == true ? "created topic \(topic) (\(partitions) partitions)" : "topic \(topic) exists")
        var start: [Int32: Int64] = [:]
        for partition in 0..<Int32(partitions) {
            start[partition] = try await admin.watermarks(topic: topic, partition: partition).high
        }

        let records = sampleRecords(count)
        let producer = try KafkaProducer(config: ProducerConfig(client: client))
        let produceStart = clock.now
        let reports = try await producer.send(records)
        let produceTime = clock.now - produceStart
        await producer.close()
        if let error = reports.firstError { throw error }
        Console.say("published \(count) events in \(String(format: "%.2f", produceTime.seconds)) s (acks=all, idempotent)")

        let consumer = try KafkaConsumer(config: ConsumerConfig(client: client))
        try consumer.assign(start.map { TopicPartitionOffset(topic: topic, partition: $0.key, offset: KafkaOffset($0.value)) })
        var received: [ConsumerMessage] = []
        let deadline = clock.now + .seconds(60)
        while received.count < count && clock.now < deadline {
            let batch = try await consumer.poll()
            received += batch.messages
            Console.progress("read back \(received.count)/\(count)")
        }
        Console.endProgress()
        await consumer.close()
        try verify(sent: records, reports: reports, received: received)
        Console.say("read back \(received.count) events: every key, header and value byte-for-byte equal, per-subject order kept")
    }

    private func sampleRecords(_ count: Int) -> [ProducerRecord] {
        let districts = ["yuexiu", "liwan", "haizhu", "tianhe", "baiyun", "panyu"]
        return (0..<count).map { index in
            let subject = "subject-\(index % 500)"
            let value = #"{"subject":"\#(subject)","district":"\#(districts[index % districts.count])","version":\#(index / 500)}"#
            return ProducerRecord(topic: topic, key: Array(subject.utf8), value: Array(value.utf8), headers: [
                KafkaHeader(name: "ce_id", string: "demo-\(UUID().uuidString)"),
                KafkaHeader(name: "ce_sequence", string: String(index / 500)),
                KafkaHeader(name: "content-type", string: "application/json"),
            ])
        }
    }

    private func verify(sent: [ProducerRecord], reports: [DeliveryReport], received: [ConsumerMessage]) throws {
        guard received.count == sent.count else {
            throw BenchError(message: "read back \(received.count) of \(sent.count) events")
        }
        var byPosition: [String: ConsumerMessage] = [:]
        for message in received { byPosition["\(message.partition)/\(message.offset)"] = message }
        var lastSequence: [[UInt8]: Int] = [:]
        for (record, report) in zip(sent, reports) {
            guard let message = byPosition["\(report.partition)/\(report.offset)"],
                  message.key == record.key, message.value == record.value!, message.headers == record.headers else {
                throw BenchError(message: "event at \(report.partition)/\(report.offset) differs from what was sent")
            }
            let sequence = Int(record.headers[1].stringValue)!
            if let previous = lastSequence[record.key!], previous > sequence {
                throw BenchError(message: "order broken for \(record.key!)")
            }
            lastSequence[record.key!] = sequence
        }
        for (key, messages) in Dictionary(grouping: received, by: { $0.key! }) {
            let sequences = messages.sorted { $0.offset < $1.offset }.map { Int($0.headers[1].stringValue)! }
            guard sequences == sequences.sorted(), Set(messages.map(\.partition)).count == 1 else {
                throw BenchError(message: "subject \(String(decoding: key, as: UTF8.self)) read out of order")
            }
        }
    }
}
