import Hummingbird
import Logging
import ServiceLifecycle
import ShuniuAudit
import ShuniuCredit
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel
import ShuniuRouter
import ShuniuOpenData

/// `shuniu serve` as a swift-service-lifecycle `Service`: the HTTP server, the access audit
/// writer, the grant follower and the key reloader run together; on graceful shutdown the
/// server stops taking requests first (the application's services stop in reverse order, the
/// server being last), then the access audit is written out, flushed and closed.
public struct APIService: Service {
    /// What the routes share.
    public let runtime: APIRuntime
    /// The Hummingbird application (with the audit writer, grant follower and key reloader as its services).
    public let application: Application<RouterResponder<APIContext>>
    /// Every API route, as `METHOD /path/{param}` (what the OpenAPI document must list); the portal's pages are left out.
    public let routes: [String]

    /// Connects to the cluster (grants read to their end, the audit chain opened), loads
    /// the keys and builds the application. `onListening` gets the bound port (useful with port 0).
    public init(config: APIConfig, catalogue: Catalogue, library: (any LibraryReader)?, credit: CreditReader? = nil,
                openData: SnapshotStore? = nil, logger: Logger,
                onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        guard let secret = config.secret else { throw HubSecret.Missing.unset }
        logger.info("reading ctl.grants on \(config.client.bootstrapServers)")
        let grants = try await GrantFollower(client: config.client, catalogue: catalogue, secret: secret, interval: config.grantInterval,
                                             logger: logger)
        logger.info("opening the access-audit chain access/\(config.instance) (reads audit.access to find its head)")
        let audit = AccessAuditWriter(log: try await AccessAuditLog.open(client: config.client, instance: config.instance,
                                                                                  key: AuditKey(secret: secret)),
                                      window: config.accessAuditWindow, logger: logger)
        let keys = try KeyRing(path: config.keysPath, logger: logger)
        logger.info("reading ctl.licences on \(config.client.bootstrapServers)")
        let licences = try await LicenceFollower(client: config.client, catalogue: catalogue, hub: SigningKey.hub(secret).verifyingKey,
                                                 logger: logger)
        let consents: ConsentLedger
        do {
            consents = try ConsentLedger(path: config.consentsPath)
        } catch {
            throw APIKeyError(.storeUnavailable, "cannot open the consent ledger \(config.consentsPath): \(error.message); check the path and its permissions (--consents FILE)")
        }
        runtime = APIRuntime(config: config, catalogue: catalogue, library: library, grants: grants, audit: audit,
                             keys: keys, credit: credit, openData: openData, licences: licences, consents: consents,
                             publicLimiter: ClientRateLimiter(limit: config.publicCreditLimit), metrics: APIMetrics(), logger: logger,
                             pseudonyms: PseudonymKeys(secret: secret, catalogue: catalogue))
        let router = try APIApplication.router(runtime)
        // The API's routes; the portal's HTML pages (`/portal...`, `/`) are not part of its contract.
        routes = router.routes.filter { !Portal.isPortal($0.path.description) }.map { "\($0.method.rawValue) \(OpenAPIDocument.template($0.path.description))" }.sorted()
        application = Application(
            responder: router.buildResponder(),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "shuniu"),
            services: [audit, grants, licences, keys],
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? config.port) },
            logger: logger)
    }

    public func run() async throws {
        try await application.runService()
    }
}
