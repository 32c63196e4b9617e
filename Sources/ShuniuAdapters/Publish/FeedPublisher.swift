import ShuniuKafka
import ShuniuModel
import ShuniuStreams

/// Publishes a department export (JSON Lines or CSV) to `src.<theme>`: `shuniu publish`.
///
/// The file streams through in batches; each line is validated with ``EventValidator`` before
/// it leaves the department, so invalid lines go to the reject file and never to Kafka. A line
/// without `_sequence` gets `EventClock.sequenceBase(run start) + line number`, one without
/// `_time` the time its batch was read.
public struct FeedPublisher: Sendable {
    /// The theme being published.
    public let theme: Theme
    /// The run's options.
    public let options: PublishOptions
    private let validator: EventValidator
    /// Batches enqueued but not yet acknowledged, at most.
    private static let batchesInFlight = 3

    /// Checks that the theme and department exist and that the department is the theme's
    /// authoritative provider.
    public init(catalogue: Catalogue, options: PublishOptions) throws(PublishError) {
        guard let theme = catalogue.theme(options.themeID) else { throw .unknownTheme(options.themeID) }
        guard catalogue.department(options.department) != nil else { throw .unknownDepartment(options.department) }
        guard theme.provider == options.department else {
            throw .notProvider(department: options.department, theme: theme.id, provider: theme.provider)
        }
        self.theme = theme
        self.options = options
        validator = EventValidator(catalogue: catalogue)
    }

    /// The topic lines are published to.
    public var topic: String { Topics.source(theme.id) }

    /// Publishes the file with `producer`, calling `progress` after each batch.
    ///
    /// - Throws: ``PublishError`` when the file or its header cannot be read, or the topic is
    ///   missing; invalid or undelivered lines are not errors but counted in the summary.
    public func publish(with producer: KafkaProducer,
                        progress: @Sendable (PublishProgress) -> Void = { _ in }) async throws(PublishError) -> PublishSummary {
        try await checkTopic(producer.config.client)
        let reader = try makeFeedReader(path: options.file, format: options.format, theme: theme)
        let rejects = RejectFile(path: options.rejectsFile)
        let started = ContinuousClock.now
        let sequenceBase = EventClock.sequenceBase()
        var run = Run(rejects: rejects)
        var batch = Batch()
        var pipeline = Pipeline(producer: producer, depth: Self.batchesInFlight)
        var now = EventClock.timestamp()
        while let line = try reader.next() {
            run.progress.lines += 1
            let event: ChangeEvent
            do throws(EventRejection) {
                let record = try line.record.get()
                event = record.event(theme: theme, department: options.department,
                                     defaultSequence: sequenceBase + Int64(line.number), defaultTime: now)
                _ = try validator.validate(event)
            } catch {
                try run.reject(line.number, error, line.text)
                continue
            }
            batch.append(ProducerRecord(event: event), line: line)
            guard batch.records.count >= options.batchSize else { continue }
            try await pipeline.add(batch, settling: &run)
            batch = Batch()
            now = EventClock.timestamp()
            run.progress.elapsed = ContinuousClock.now - started
            progress(run.progress)
        }
        if !batch.records.isEmpty { try await pipeline.add(batch, settling: &run) }
        try await pipeline.finish(settling: &run)
        try rejects.close()
        run.progress.elapsed = ContinuousClock.now - started
        progress(run.progress)
        return PublishSummary(lines: run.progress.lines, published: run.progress.published, rejected: run.byCode,
                              rejectsFile: run.progress.rejected > 0 ? options.rejectsFile : nil,
                              elapsed: run.progress.elapsed)
    }

    private func checkTopic(_ client: KafkaClientConfig) async throws(PublishError) {
        let names: Set<String>
        do {
            names = Set(try await KafkaAdmin(client: client).listTopics().map(\.name))
        } catch {
            throw .broker(error, bootstrap: client.bootstrapServers)
        }
        guard names.contains(topic) else { throw .missingTopic(topic, bootstrap: client.bootstrapServers) }
    }
}

/// Batches on their way to the broker: the newest is handed to the producer in a task while
/// the next one is read and validated (the two overlap on two cores); older ones await their
/// delivery reports, at most `depth` batches in all. Batches are enqueued strictly in order.
private struct Pipeline {
    let producer: KafkaProducer
    let depth: Int
    private var enqueuing: (Task<Result<PendingDelivery, KafkaError>, Never>, Batch)?
    private var enqueued: [(PendingDelivery, Batch)] = []

    init(producer: KafkaProducer, depth: Int) {
        self.producer = producer
        self.depth = depth
    }

    /// Starts handing `batch` to the producer once the previous batch is handed over.
    mutating func add(_ batch: Batch, settling run: inout Run) async throws(PublishError) {
        try await handOver()
        while enqueued.count >= depth - 1, !enqueued.isEmpty {
            try await run.settle(enqueued.removeFirst())
        }
        let producer = producer
        let records = batch.records
        enqueuing = (Task {
            do throws(KafkaError) { return .success(try await producer.enqueue(records)) } catch { return .failure(error) }
        }, batch)
    }

    /// Waits for every batch's reports.
    mutating func finish(settling run: inout Run) async throws(PublishError) {
        try await handOver()
        for pending in enqueued { try await run.settle(pending) }
        enqueued = []
    }

    private mutating func handOver() async throws(PublishError) {
        guard let (task, batch) = enqueuing else { return }
        enqueuing = nil
        switch await task.value {
        case .success(let pending): enqueued.append((pending, batch))
        case .failure(let error): throw .broker(error, bootstrap: producer.config.client.bootstrapServers)
        }
    }
}

/// Records of one batch with the lines they came from (for `not-delivered` rejections).
private struct Batch {
    var records: [ProducerRecord] = []
    var lines: [(number: Int, text: [UInt8])] = []

    mutating func append(_ record: ProducerRecord, line: FeedLine) {
        records.append(record)
        lines.append((line.number, line.text))
    }
}

/// The counts of a run and its reject file.
private struct Run {
    let rejects: RejectFile
    var progress = PublishProgress()
    var byCode: [RejectionCode: Int] = [:]

    mutating func reject(_ line: Int, _ rejection: EventRejection, _ text: [UInt8]) throws(PublishError) {
        try rejects.write(line: line, rejection: rejection, original: text)
        byCode[rejection.code, default: 0] += 1
        progress.rejected += 1
    }

    /// Waits for a batch's delivery reports; lines the broker did not take are rejected.
    mutating func settle(_ pending: (PendingDelivery, Batch)) async throws(PublishError) {
        let reports = await pending.0.reports()
        for (report, line) in zip(reports, pending.1.lines) {
            if let error = report.error {
                let rejection = EventRejection(code: .notDelivered,
                                               message: "valid, but the broker did not acknowledge it: \(error); publish the line again")
                try reject(line.number, rejection, line.text)
            } else {
                progress.published += 1
            }
        }
    }
}
