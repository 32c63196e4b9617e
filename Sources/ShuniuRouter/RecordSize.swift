import ShuniuKafka
import ShuniuModel

/// The size of a Kafka record as the producer counts it against `message.max.bytes`.
///
/// librdkafka refuses a record whose key, value and serialised headers plus the record
/// framing (`RD_KAFKAP_MESSAGE_V2_MAX_OVERHEAD`, under 40 bytes) exceed `message.max.bytes`,
/// with `MSG_SIZE_TOO_LARGE`. This estimate is never below librdkafka's (every varint is counted
/// at its widest), so a record that passes it is never refused for its size.
public enum RecordSize {
    /// The router's default record size limit: librdkafka's own default `message.max.bytes`,
    /// below Apache Kafka's default broker limit (`message.max.bytes` 1048588).
    public static let defaultLimit = 1_000_000

    /// The record framing counted on top of the bytes: length, attributes, timestamp and
    /// offset deltas, key and value lengths and the header count, each at its widest.
    static let recordOverhead = 64
    /// Per header: the name and value lengths at their widest.
    static let headerOverhead = 10

    /// The estimated size of a record with these parts.
    public static func bytes(key: Int, value: Int, headers: some Sequence<(name: Int, value: Int)>) -> Int {
        var total = recordOverhead &+ max(key, 0) &+ max(value, 0)
        for header in headers { total = total &+ header.name &+ header.value &+ headerOverhead }
        return total
    }

    /// The estimated size of a source record as consumed.
    public static func bytes(key: [UInt8]?, headers: [EnvelopeHeader], value: [UInt8]) -> Int {
        bytes(key: key?.count ?? 0, value: value.count, headers: headers.lazy.map { ($0.name.utf8.count, $0.value.count) })
    }

    /// The estimated size of a record to produce.
    public static func bytes(of record: ProducerRecord) -> Int {
        bytes(key: record.key?.count ?? 0, value: record.value?.count ?? 0,
              headers: record.headers.lazy.map { ($0.name.utf8.count, $0.value.count) })
    }
}
