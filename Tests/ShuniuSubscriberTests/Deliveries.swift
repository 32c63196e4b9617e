import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuStreams
import ShuniuSubscriber

/// Records as the router writes them to `sub.<department>`, for the sink tests.
enum Deliveries {
    static let topic = "sub.civil-affairs"

    /// A delivery record: a change event with the router's three headers (each can be left out).
    static func message(offset: Int64, subject: String, sequence: Int64, action: ChangeEvent.Action = .upserted,
                        grant: String? = "g-1", basis: String? = "社会救助暂行办法", source: String? = "src.marriage/0/7",
                        id: String? = nil, partition: Int32 = 0, name: String = "林彤静") -> ConsumerMessage {
        var extensions: [EnvelopeHeader] = []
        if let grant { extensions.append(EnvelopeHeader(name: "shuniu_grant", text: grant)) }
        if let basis { extensions.append(EnvelopeHeader(name: "shuniu_basis", text: basis)) }
        if let source { extensions.append(EnvelopeHeader(name: "shuniu_source", text: source)) }
        let eventID = id ?? "marriage/\(subject)/\(sequence)"
        let event = action == .upserted
            ? ChangeEvent.upsert(id: eventID, source: "civil-affairs", theme: "marriage", subject: subject,
                                 time: "2025-01-0\(min(sequence, 9))T00:00:00Z", sequence: sequence,
                                 row: ["citizen_id": .string(subject), "name": .string(name)], extensions: extensions)
            : ChangeEvent.delete(id: eventID, source: "civil-affairs", theme: "marriage", subject: subject,
                                 time: "2025-01-0\(min(sequence, 9))T00:00:00Z", sequence: sequence, extensions: extensions)
        let record = ProducerRecord(event: event, topic: topic)
        return ConsumerMessage(topic: topic, partition: partition, offset: offset, key: record.key, value: record.value ?? [],
                               headers: record.headers)
    }

    /// The batch a subscriber builds from these records (refusals kept apart, positions advanced).
    static func batch(_ messages: [ConsumerMessage]) -> SubscriberBatch {
        var batch = SubscriberBatch()
        for message in messages {
            batch.positions[TopicPartition(topic: message.topic, partition: message.partition)] = message.offset + 1
            switch DeliveryCheck.check(message) {
            case .success(let delivery): batch.deliveries.append(delivery)
            case .failure(let refusal): batch.refusals.append(refusal)
            }
        }
        return batch
    }

    /// A fresh temporary directory.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-sub-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
