import Logging
import ShuniuKafka
import ShuniuModel
import ShuniuStreams

/// `shuniu adapter`: watches one department's SQLite table and publishes its changes to
/// `src.<theme>` through a durable spool.
///
/// A cycle polls the source table, copies new changes into the ``Spool`` (validated, with
/// their `ce_id` and `ce_sequence` fixed) together with the source cursor, then sends what the
/// spool holds, in spool order, removing changes only once the broker acknowledged them. A
/// failed delivery leaves them in the spool; ``run(until:)`` retries after a back-off. Delivery
/// is at least once: a change whose delivery timed out may have been written anyway, and is
/// then sent again with the same `ce_id` (counted in ``AdapterTotals/resent``).
public actor Adapter {
    /// The configuration.
    public nonisolated let config: AdapterConfig
    /// The theme published.
    public nonisolated let theme: Theme
    private let source: SourceTable
    private let spool: Spool
    private let validator: EventValidator
    private let logger: Logger
    private var producer: KafkaProducer
    /// Source batches read per cycle before sending, so a large backlog is sent as it is read.
    private static let batchesPerPoll = 10

    /// Checks the configuration against the catalogue and the source table, and opens the spool.
    ///
    /// - Throws: ``AdapterConfigError`` for a configuration that cannot work, naming the key.
    public init(config: AdapterConfig, catalogue: Catalogue, logger: Logger = Logger(label: "shuniu.adapter")) throws {
        guard let theme = catalogue.theme(config.theme) else {
            throw config.error("theme", "'\(config.theme)' is not in the catalogue",
                               fix: "name a theme of the catalogue (`shuniu catalog show`)")
        }
        guard catalogue.department(config.department) != nil else {
            throw config.error("department", "'\(config.department)' is not in the catalogue",
                               fix: "name a department of the catalogue's departments.yaml")
        }
        guard theme.provider == config.department else {
            let own = catalogue.themes(providedBy: config.department).map(\.id)
            throw config.error("department", "'\(config.department)' may not publish theme '\(theme.id)': its one authoritative provider (一数一源) is '\(theme.provider)'",
                               fix: own.isEmpty ? "run the adapter as '\(theme.provider)'"
                                   : "run the adapter as '\(theme.provider)', or publish one of \(config.department)'s themes: \(own.joined(separator: ", "))")
        }
        self.config = config
        self.theme = theme
        self.logger = logger
        source = try SourceTable(config: config, theme: theme)
        spool = try Spool(config: config)
        validator = EventValidator(catalogue: catalogue)
        producer = try KafkaProducer(config: config.producerConfig, logger: Self.kafkaLogger(logger))
    }

    /// The producer's logger: librdkafka's messages, at the adapter's level.
    private static func kafkaLogger(_ logger: Logger) -> Logger {
        var kafka = Logger(label: "shuniu.adapter.kafka")
        kafka.logLevel = logger.logLevel
        return kafka
    }

    /// The topic changes are published to.
    public nonisolated var topic: String { Topics.source(theme.id) }

    /// One cycle: poll the source, spool what is new, send what the spool holds.
    public func runOnce() async throws -> AdapterCycle {
        try await cycle { false }
    }

    /// The totals kept in the spool.
    public func totals() throws -> AdapterTotals {
        try spool.totals()
    }

    /// Runs cycles until `shouldStop` answers true: polls every `pollInterval` when idle, backs
    /// off (doubling up to `maxBackoff`) while deliveries fail, logs a status line at most every
    /// few seconds. On stop it finishes the batch in hand and closes the producer; whatever is
    /// not acknowledged stays in the spool for the next start.
    public func run(until shouldStop: @escaping @Sendable () -> Bool) async {
        var status = StatusLine(logger: logger, topic: topic)
        status.started(try? spool.totals(), config: config)
        let firstBackoff = min(Duration.seconds(1), config.maxBackoff)
        var backoff = firstBackoff
        var retries = 0
        while !shouldStop() {
            do {
                let cycle = try await cycle(shouldStop)
                status.add(cycle, totals: try spool.totals())
                if let error = cycle.error {
                    retries += 1
                    logger.warning("delivery failed (\(error)): \(cycle.waiting) changes waiting in the spool; retry \(retries) in \(backoff)")
                    await pause(backoff, shouldStop)
                    backoff = min(backoff * 2, config.maxBackoff)
                    continue
                }
                if retries > 0 { logger.notice("delivering again after \(retries) failed attempts") }
                retries = 0
                backoff = firstBackoff
                if cycle.spooled == 0 && cycle.waiting == 0 { await pause(config.pollInterval, shouldStop) }
            } catch {
                logger.error("\(error); trying again in \(backoff)")
                await pause(backoff, shouldStop)
                backoff = min(backoff * 2, config.maxBackoff)
            }
        }
        await close()
        status.stopped(try? spool.totals())
    }

    /// Closes the producer (waiting briefly for records in flight); unacknowledged changes stay
    /// in the spool.
    public func close() async {
        await producer.close(timeout: .seconds(5))
    }

    private func cycle(_ shouldStop: () -> Bool) async throws -> AdapterCycle {
        var cycle = AdapterCycle()
        for _ in 0..<Self.batchesPerPoll {
            let changes = try source.changes(after: spool.cursor, limit: config.batchSize)
            let added = try spool.add(changes, theme: theme) { [validator] event throws(EventRejection) in
                _ = try validator.validate(event)
            }
            cycle.spooled += added.spooled
            cycle.rejected += added.rejected.count
            for (position, rejection) in added.rejected {
                logger.warning("source row \(position) rejected: \(rejection)")
            }
            if changes.count < config.batchSize || shouldStop() { break }
        }
        while !shouldStop() {
            let entries = try spool.nextBatch(limit: config.batchSize)
            guard !entries.isEmpty else { break }
            let errors = await deliver(entries)
            var acknowledged: [SpoolEntry] = []
            var failed: [SpoolEntry] = []
            for (entry, error) in zip(entries, errors) {
                if error == nil { acknowledged.append(entry) } else { failed.append(entry) }
            }
            try spool.acknowledge(acknowledged)
            try spool.failed(failed)
            cycle.sent += acknowledged.count
            cycle.failed += failed.count
            if let error = errors.lazy.compactMap({ $0 }).first {
                cycle.error = error.description
                try await renewProducerIfStuck(error)
                break
            }
        }
        cycle.waiting = try spool.totals().waiting
        return cycle
    }

    /// Sends a batch and waits for every report: nil for each acknowledged change, else why it
    /// was not delivered. A producer that refuses the batch fails it all.
    private func deliver(_ entries: [SpoolEntry]) async -> [KafkaError?] {
        do {
            return try await producer.send(entries.map { ProducerRecord(event: $0.event) }).map(\.error)
        } catch {
            return Array(repeating: error, count: entries.count)
        }
    }

    /// Replaces the producer after an error that retrying with it will not cure: a fatal error,
    /// or any error that is not retriable. After a broker outage, Tansu answers the idempotent
    /// producer's epoch bump with `PRODUCER_FENCED` on every later delivery; a new producer
    /// (new producer id) delivers again.
    private func renewProducerIfStuck(_ error: KafkaError) async throws {
        guard error.isFatal || !error.isRetriable || producer.fatalError != nil else { return }
        logger.warning("the producer is unusable (\(producer.fatalError ?? error)); starting a new one")
        await producer.close(timeout: .zero)
        producer = try KafkaProducer(config: config.producerConfig, logger: Self.kafkaLogger(logger))
    }

    /// Sleeps for `duration`, waking early when `shouldStop` answers true.
    private func pause(_ duration: Duration, _ shouldStop: () -> Bool) async {
        let end = ContinuousClock.now + duration
        while !shouldStop(), ContinuousClock.now < end {
            try? await Task.sleep(for: min(.milliseconds(100), end - ContinuousClock.now))
        }
    }
}
