/// What an adapter has done since its spool was created (kept in the spool, so the figures
/// survive restarts).
public struct AdapterTotals: Sendable, Hashable, CustomStringConvertible {
    /// Changes copied from the source table into the spool.
    public var spooled = 0
    /// Source rows that failed validation (kept in the spool's `spool_rejects` table).
    public var rejected = 0
    /// Changes the broker acknowledged.
    public var sent = 0
    /// Acknowledged changes that had a failed attempt before: each may have reached the topic
    /// twice (same `ce_id`), since a timed-out record can still have been written.
    public var resent = 0
    /// Changes in the spool waiting for an acknowledgement.
    public var waiting = 0

    /// Creates totals.
    public init(spooled: Int = 0, rejected: Int = 0, sent: Int = 0, resent: Int = 0, waiting: Int = 0) {
        self.spooled = spooled
        self.rejected = rejected
        self.sent = sent
        self.resent = resent
        self.waiting = waiting
    }

    /// `spooled 10, sent 8, waiting 2, resent 0, rejected 1`.
    public var description: String {
        "spooled \(spooled), sent \(sent), waiting \(waiting), resent \(resent), rejected \(rejected)"
    }
}

/// What one adapter cycle (poll, spool, send) did.
public struct AdapterCycle: Sendable, Hashable {
    /// Changes newly copied into the spool.
    public var spooled = 0
    /// Source rows newly rejected.
    public var rejected = 0
    /// Changes the broker acknowledged in this cycle.
    public var sent = 0
    /// Changes whose delivery failed in this cycle (they stay in the spool).
    public var failed = 0
    /// The delivery error, when a batch failed.
    public var error: String?
    /// Changes left in the spool after the cycle.
    public var waiting = 0

    /// Creates an empty cycle.
    public init() {}

    /// Whether nothing was read or sent.
    public var isIdle: Bool { spooled == 0 && rejected == 0 && sent == 0 && failed == 0 }
}
