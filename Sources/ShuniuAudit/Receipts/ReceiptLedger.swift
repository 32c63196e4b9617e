import ShuniuModel
import ShuniuRouter

/// One time a department received or read a subject's data, from the audit logs.
public struct Receipt: Sendable, Hashable, Codable {
    /// How the data reached the department.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Routed to its `sub.<department>` topic (`audit.exchange`, decision `delivered`).
        case delivery
        /// Read through the API or a check (`audit.access`).
        case read
    }

    /// Delivery or read.
    public var kind: Kind
    /// The receiving (or reading) department.
    public var department: String
    /// The theme, when known.
    public var theme: String?
    /// The grant that allowed it.
    public var grant: String?
    /// The grant's legal basis.
    public var basis: String?
    /// The event's `ce_time` (deliveries) or the time of the read.
    public var time: String
    /// The field names received (masked as granted).
    public var fields: [String]
    /// `delivered`; for reads the outcome: `read`, `checked`, `not-found`, `denied`.
    public var outcome: String
    /// Deliveries: `upserted` or `deleted` (`left-scope` deletes included).
    public var action: String?
    /// Deliveries: the source event (`ce_id`) and its position (`topic/partition/offset`);
    /// reads: the channel, the stated purpose, the consent code's id (licence reads) and a
    /// refusal's reason.
    public var via: String
    /// SHA-256 of exactly the bytes received, when any were.
    public var sha256: String?
    /// How many audit records state this same receipt (an at-least-once delivery routed twice
    /// after a router restart is recorded, and received, twice).
    public var copies: Int
    /// The audit record (`topic partition/offset`) of the first copy.
    public var record: String
}

/// Folds audit records into the receipts of one subject: `shuniu audit who-received`.
///
/// Matches on the records' `subject` member only, that is the subject of the event or of the
/// read, or one of the subjects that stand for it (`standingFor`: a holder's licence numbers,
/// whose `e-licences` rows are keyed by the licence); a row of another subject that merely
/// names this id (a spouse's ID in a marriage record) is not listed. Deliveries are `delivered` records of `audit.exchange`; reads are
/// every record of `audit.access` (its outcome shows whether data was returned).
public struct ReceiptLedger: Sendable {
    /// The subject looked for.
    public let subject: SubjectID
    /// Other subjects whose records are about this one, with what they are (a holder's licence
    /// numbers: the `e-licences` theme is keyed by the licence, not the holder).
    public let standingFor: [String: String]
    private let needle: [UInt8]
    private let aliasNeedles: [[UInt8]]
    private var found: [Receipt] = []
    private var index: [String: Int] = [:]
    /// Audit records read.
    public private(set) var recordsRead = 0

    /// An empty ledger for `subject`, and for the records of the subjects in `standingFor`
    /// (subject → what it is, e.g. `licence CJRZ-…`), which are listed with that label.
    public init(subject: SubjectID, standingFor: [String: String] = [:]) {
        self.subject = subject
        self.standingFor = standingFor
        needle = Array("\"subject\":\"\(subject.value)\"".utf8)
        aliasNeedles = standingFor.keys.sorted().map { Array("\"subject\":\"\($0)\"".utf8) }
    }

    /// Adds one audit record (of `audit.exchange` or `audit.access`, as `topic` says).
    public mutating func add(_ bytes: [UInt8], topic: String, partition: Int32, offset: Int64) {
        recordsRead += 1
        guard Self.contains(bytes, needle) || aliasNeedles.contains(where: { Self.contains(bytes, $0) }),
              let record = try? Row.parse(bytes: bytes), let about = record["subject"]?.stringValue,
              about == subject.value || standingFor[about] != nil else { return }
        let label = about == subject.value ? nil : standingFor[about]
        if topic == Topics.access {
            add(row: record, topic: topic, partition: partition, offset: offset, label: label)
        } else {
            for decision in AuditRecord.decisions(of: record) {
                add(row: decision, topic: topic, partition: partition, offset: offset, label: label)
            }
        }
    }

    /// Adds one read (`audit.access`) or one decision of an `audit.exchange` record.
    private mutating func add(row: Row, topic: String, partition: Int32, offset: Int64, label: String?) {
        func text(_ name: String) -> String? { row[name]?.stringValue }
        let fields = (text("fields") ?? "").split(separator: ",").map(String.init)
        let receipt: Receipt
        let key: String
        if topic == Topics.access {
            let purpose = text("purpose").map { " (\($0))" } ?? ""
            let consent = text("consent").map { " with consent \($0)" } ?? ""
            let reason = text("reason").map { ": \($0)" } ?? ""
            receipt = Receipt(kind: .read, department: text("department") ?? "", theme: text("theme"), grant: text("grant"),
                              basis: text("basis"), time: text("time") ?? "", fields: fields, outcome: text("decision") ?? "",
                              action: nil, via: (text("channel") ?? "") + purpose + consent + reason + (label.map { " (\($0))" } ?? ""), sha256: text("sha256"), copies: 1,
                              record: "\(topic) \(partition)/\(offset)")
            key = "read|\(text("chain") ?? "")|\(text("seq") ?? row["seq"]?.numberText ?? "")|\(text("hash") ?? "")"
        } else {
            guard text("decision") == "delivered" else { return }
            receipt = Receipt(kind: .delivery, department: text("subscriber") ?? "", theme: text("theme"), grant: text("grant"),
                              basis: text("basis"), time: text("time") ?? "", fields: fields, outcome: "delivered",
                              action: text("action"),
                              via: "\(text("event") ?? "") @ \(text("source") ?? "")" + (label.map { " (\($0))" } ?? ""),
                              sha256: text("sha256"), copies: 1, record: "\(topic) \(partition)/\(offset)")
            key = ["delivery", receipt.department, receipt.grant ?? "", text("event") ?? "", text("source") ?? "",
                   receipt.action ?? "", receipt.sha256 ?? ""].joined(separator: "|")
        }
        if let existing = index[key] {
            found[existing].copies += 1
        } else {
            index[key] = found.count
            found.append(receipt)
        }
    }

    /// The receipts found, oldest first (then by department).
    public var receipts: [Receipt] {
        found.sorted { ($0.time, $0.department, $0.kind.rawValue, $0.record) < ($1.time, $1.department, $1.kind.rawValue, $1.record) }
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count, let first = needle.first else { return false }
        var start = 0
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { hay in
            while start <= last {
                if hay[start] == first {
                    var match = true
                    for offset in 1..<needle.count where hay[start + offset] != needle[offset] {
                        match = false
                        break
                    }
                    if match { return true }
                }
                start += 1
            }
            return false
        }
    }
}
