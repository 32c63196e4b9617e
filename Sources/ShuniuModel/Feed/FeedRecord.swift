/// One line of a department's change feed (the JSON Lines files `shuniu generate` writes and
/// `shuniu publish` reads): the theme's row, plus optional reserved members.
///
/// - `_op`: `upsert` (default) or `delete` (then only the key field is needed);
/// - `_sequence`: the `ce_sequence` (per theme and subject, strictly increasing);
/// - `_time`: the `ce_time` (RFC 3339), when the change happened at the source;
/// - `_id`: the `ce_id`; by default `<theme>/<subject>/<sequence>`, so publishing the same
///   line twice yields the same id and subscribers dedupe it.
public struct FeedRecord: Sendable, Hashable {
    /// Reserved member names.
    public enum Member {
        public static let op = "_op"
        public static let sequence = "_sequence"
        public static let time = "_time"
        public static let id = "_id"
    }

    /// The theme's fields (reserved members removed).
    public var row: Row
    /// Upsert or delete.
    public var action: ChangeEvent.Action
    /// The `ce_sequence`, if the line gives one.
    public var sequence: Int64?
    /// The `ce_time`, if the line gives one.
    public var time: String?
    /// The `ce_id`, if the line gives one.
    public var id: String?

    /// Creates a feed record.
    public init(row: Row, action: ChangeEvent.Action = .upserted, sequence: Int64? = nil, time: String? = nil,
                id: String? = nil) {
        self.row = row
        self.action = action
        self.sequence = sequence
        self.time = time
        self.id = id
    }

    /// Reads a feed line (a flat JSON object).
    public init(parsing line: some Collection<UInt8>) throws(EventRejection) {
        var row: Row
        do {
            row = try Row.parse(bytes: line)
        } catch {
            throw EventRejection(code: RejectionCode(rawValue: error.code.rawValue), message: error.message)
        }
        var action = ChangeEvent.Action.upserted
        if let op = row[Member.op] {
            switch op.stringValue {
            case "upsert", "upserted": action = .upserted
            case "delete", "deleted": action = .deleted
            default: throw EventRejection(code: .badType, message: "\(Member.op) must be \"upsert\" or \"delete\"")
            }
            row[Member.op] = nil
        }
        var sequence: Int64?
        if let value = row[Member.sequence] {
            guard let text = value.numberText ?? value.stringValue, let number = Int64(text), number >= 0 else {
                throw EventRejection(code: .badSequence, message: "\(Member.sequence) must be a non-negative integer")
            }
            sequence = number
            row[Member.sequence] = nil
        }
        let time = row[Member.time]?.stringValue
        row[Member.time] = nil
        let id = row[Member.id]?.stringValue
        row[Member.id] = nil
        self.init(row: row, action: action, sequence: sequence, time: time, id: id)
    }

    /// The line's bytes (row members first, then the reserved ones that are set).
    public func serialized() -> [UInt8] {
        var line = row
        if action == .deleted { line[Member.op] = .string("delete") }
        if let sequence { line[Member.sequence] = .number(String(sequence)) }
        if let time { line[Member.time] = .string(time) }
        if let id { line[Member.id] = .string(id) }
        return line.serialized()
    }

    /// The change event this line stands for, published by `department` on `theme`.
    /// `defaultSequence` and `defaultTime` fill in what the line leaves out.
    public func event(theme: Theme, department: String, defaultSequence: Int64, defaultTime: String) -> ChangeEvent {
        let subject = row[theme.subject.key].map { value -> String in
            value.stringValue ?? value.numberText ?? ""
        } ?? ""
        let sequence = self.sequence ?? defaultSequence
        let id = self.id ?? "\(theme.id)/\(subject)/\(sequence)"
        let time = self.time ?? defaultTime
        switch action {
        case .upserted:
            return .upsert(id: id, source: department, theme: theme.id, subject: subject, time: time,
                           sequence: sequence, row: row)
        case .deleted:
            return .delete(id: id, source: department, theme: theme.id, subject: subject, time: time, sequence: sequence)
        }
    }
}
