import ShuniuModel

extension RejectionCode {
    /// A CSV record has more or fewer values than the header has columns, or an unclosed quote.
    public static let badCSV = RejectionCode(rawValue: "bad-csv")
    /// The line was valid but the broker did not acknowledge it (e.g. `_MSG_TIMED_OUT`).
    public static let notDelivered = RejectionCode(rawValue: "not-delivered")
}
