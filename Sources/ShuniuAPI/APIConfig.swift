import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams

/// Settings of `shuniu serve`; every property has a working default.
public struct APIConfig: Sendable {
    /// Interface to listen on (`127.0.0.1`: this machine only, unless asked otherwise).
    public var host = "127.0.0.1"
    /// Port (0: any free port).
    public var port = 8080
    /// The URL clients reach the API at (behind a proxy, the proxy's), for the IRIs of the
    /// open-data catalogue; nil: `http://` and the request's Host.
    public var publicURL: String?
    /// The cluster (grants, audit, health, stats).
    public var client = KafkaClientConfig(clientID: "shuniu-api")
    /// The hub secret, the router's (`HubSecret.fromEnvironment()`): the API masks exactly as
    /// the router does. No default: the API refuses to start without one. Never logged.
    public var secret: HubSecret?
    /// The API key file.
    public var keysPath = APIKeyStore.defaultPath
    /// The ledger of used consent codes (``ConsentLedger``).
    public var consentsPath = ConsentLedger.defaultPath
    /// This instance's access-audit chain is `access/<instance>`: one writer per name.
    public var instance = "api"
    /// The access audit's loss window: how many records of answered reads may wait for the
    /// broker's acknowledgement at once; beyond, reads are refused (503 `audit-unavailable`).
    /// A crash loses at most this many access records (docs/api.md).
    public var accessAuditWindow = APIConfig.defaultAccessAuditWindow
    /// 2 000 records: at 10 000 look-ups/s of 2 records each, a tenth of a second of reads.
    public static let defaultAccessAuditWindow = 2_000
    /// How often the grant table catches up with `ctl.grants`.
    public var grantInterval: Duration = .milliseconds(50)
    /// Look-ups are refused (503 `grants-stale`) when the grant table could not catch up for
    /// this long: a revocation must not be missed while the broker is away.
    public var maxGrantStaleness: Duration = .seconds(10)
    /// The keyless credit look-ups (`GET /v1/credit/{subject}` without a key) allowed per
    /// client address: 10 at once, then one every 2 seconds (429 `rate-limited` beyond).
    public var publicCreditLimit = ClientRateLimiter.Limit(burst: 10, perSecond: 0.5)

    /// `GET /v1/stats` is computed at most once per this interval, however many ask (single
    /// flight): reading the counts reads every dead-letter topic.
    public var statsInterval: Duration = .seconds(10)
    /// Reads the exchange counts of `GET /v1/stats`: from the topics by default
    /// (``ExchangeStats/read(client:catalogue:)``). Replaceable to count or stub the reads.
    public var readExchangeCounts: @Sendable (KafkaClientConfig, Catalogue) async throws -> [String: DepartmentExchange] = {
        try await ExchangeStats.read(client: $0, catalogue: $1)
    }

    /// The portal's evaluation and audit check (catalogue freshness, ops view) are computed at
    /// most once per this interval: each reads the source and audit topics to their ends.
    public var portalFiguresInterval: Duration = .seconds(30)

    /// Today's date for the notice delay of the data use record (``NoticeDelay``): the
    /// wall clock; replaceable for tests.
    public var noticeToday: @Sendable () -> CalendarDate? = { UTCClock.today() }

    /// Defaults.
    public init() {}
}
