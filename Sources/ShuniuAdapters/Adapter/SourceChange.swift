import ShuniuModel
import ShuniuSQLite

/// How far the adapter has read its source table, stored in the spool with what it read.
///
/// `change-table`: `value` is the last `change_id`. `updated-at`: `value` is the last
/// `updated_at` and `rowid` the last row's rowid among rows with that `updated_at`.
struct SourceCursor: Sendable, Hashable {
    /// The last change id or `updated_at` read; `.null` before the first.
    var value: SQLiteValue
    /// The tie-break among rows with the same `updated_at`.
    var rowid: Int64

    /// Before the first change.
    static let start = SourceCursor(value: .null, rowid: 0)
}

/// One change read from the source table.
struct SourceChange {
    /// The cursor just after this change.
    let cursor: SourceCursor
    /// Where it is in the table, for messages (`change_id 42`, `rowid 17`).
    let position: String
    /// The change as a feed record, or why the row cannot be one.
    let record: Result<FeedRecord, EventRejection>
}
