import Logging

/// The adapter's status lines: what it is doing, at most one line every few seconds.
struct StatusLine {
    let logger: Logger
    let topic: String
    private var pending = AdapterCycle()
    /// When the last line was logged; the first activity is logged at once.
    private var last = ContinuousClock.now - interval
    private static let interval: Duration = .seconds(5)

    init(logger: Logger, topic: String) {
        self.logger = logger
        self.topic = topic
    }

    func started(_ totals: AdapterTotals?, config: AdapterConfig) {
        logger.info("adapter \(config.department) → \(topic): watching \(config.database) table \(config.table) (\(config.mode.rawValue)) every \(config.pollInterval), spool \(config.spool)\(totals.map { "; \($0)" } ?? "")")
    }

    /// Counts a cycle; logs when the interval has passed and something happened.
    mutating func add(_ cycle: AdapterCycle, totals: AdapterTotals) {
        pending.spooled += cycle.spooled
        pending.rejected += cycle.rejected
        pending.sent += cycle.sent
        pending.failed += cycle.failed
        guard ContinuousClock.now - last >= Self.interval, !pending.isIdle else { return }
        logger.info("spooled +\(pending.spooled), sent +\(pending.sent), failed +\(pending.failed), rejected +\(pending.rejected); totals: \(totals)")
        pending = AdapterCycle()
        last = ContinuousClock.now
    }

    func stopped(_ totals: AdapterTotals?) {
        logger.info("adapter stopped\(totals.map { "; \($0)" } ?? ""); unsent changes stay in the spool")
    }
}
