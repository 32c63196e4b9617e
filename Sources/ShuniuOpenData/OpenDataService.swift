import Logging
import ServiceLifecycle
import ShuniuModel

/// Keeps the open-data snapshots fresh: every `interval` it takes the source positions of the
/// datasets' themes and runs a publication pass when they advanced since the last pass (the
/// first pass always runs). A pass writes a new version only for datasets whose content changed.
public struct OpenDataService: Service {
    private let publisher: OpenDataPublisher
    private let source: any OpenDataSource
    private let interval: Duration
    private let logger: Logger
    private let onPass: @Sendable ([String: DatasetOutcome]) -> Void

    /// A service publishing with `publisher` from `source`; `onPass` is told the outcomes of
    /// every pass that ran (a demo can print them).
    public init(publisher: OpenDataPublisher, source: any OpenDataSource, interval: Duration = .seconds(60), logger: Logger,
                onPass: @escaping @Sendable ([String: DatasetOutcome]) -> Void = { _ in }) {
        self.publisher = publisher
        self.source = source
        self.interval = interval
        self.logger = logger
        self.onPass = onPass
    }

    /// Runs until graceful shutdown or cancellation.
    public func run() async throws {
        var reflected: [SourcePosition]?
        let themes = publisher.themes
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let positions = try await source.positions(of: themes)
                if positions != reflected {
                    let outcomes = try await publisher.publish(from: source)
                    reflected = positions
                    log(outcomes)
                    onPass(outcomes)
                }
            } catch {
                logger.error("open data: pass failed; retrying after the interval", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }

    private func log(_ outcomes: [String: DatasetOutcome]) {
        for (dataset, outcome) in outcomes.sorted(by: { $0.key < $1.key }) {
            switch outcome {
            case .published(let version, let rows, let suppressed):
                logger.info("open data: published", metadata: ["dataset": "\(dataset)", "version": "v\(version)", "rows": "\(rows)", "suppressed": "\(suppressed)"])
            case .refused(let reasons):
                logger.warning("open data: refused by the gate", metadata: ["dataset": "\(dataset)", "reasons": "\(reasons.map(\.description).joined(separator: " | "))"])
            case .unchanged, .noData:
                logger.debug("open data: nothing new", metadata: ["dataset": "\(dataset)"])
            }
        }
    }
}
