import ShuniuKafka
import ShuniuModel
import ShuniuRouter

/// `shuniu trace`: the deliveries of some themes, rebuilt from the broker, traced against a file.
public enum LeakTrace {
    /// Reads `ctl.grants`, `src.<theme>` of each of `themes` and `audit.exchange` in one scan,
    /// re-runs the routing of every source record as replay does (the router's own `decide`,
    /// under the grant history), and passes each delivery the audit confirms (a record with the
    /// same subscriber, grant and `sha256`) to a `LeakTracer` over `file`'s rows. `secret`
    /// must be the router's hub secret: pseudonyms and digests depend on it.
    public static func run(client: KafkaClientConfig, catalogue: Catalogue, secret: HubSecret, themes: [String],
                           file: LeakFile, commonLimit: Int = LeakTracer.defaultCommonLimit,
                           progress: TopicScan.Progress? = nil,
                           status: (@Sendable (String) -> Void)? = nil) async throws(KafkaError) -> LeakReport {
        let sources = try await ReplaySources.read(client: client, catalogue: catalogue, themes: themes,
                                                   secret: secret, progress: progress)
        let router = Router(catalogue: catalogue, secret: secret)
        var tracer = LeakTracer(rows: file.rows, commonLimit: commonLimit)
        for theme in themes {
            status?("replaying \(theme)")
            let keyField = catalogue.theme(theme)?.subject.key
            let replay = RoutingReplay(router: router, history: sources.history, theme: theme)
            for partition in sources.partitions(of: theme) {
                _ = replay.replay(partition: partition, records: sources.records[theme]?[partition] ?? [],
                                  audited: sources.audited[theme]?[partition] ?? [:]) { decision, audit in
                    guard let delivery = TracedDelivery(decision, audit: audit, keyField: keyField, keys: router.keys) else { return }
                    tracer.add(delivery)
                }
            }
        }
        return tracer.report(file: file.path, format: file.format, unreadable: file.unreadable, truncated: file.truncated,
                             rowLimit: file.limit)
    }
}
