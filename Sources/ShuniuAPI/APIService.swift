import Hummingbird
import Logging
import ServiceLifecycle
import ShuniuAudit
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel

/// `shuniu serve` as a swift-service-lifecycle `Service`: the HTTP server, the grant
/// follower and the key reloader run together; on graceful shutdown the server stops taking
/// requests, then the access audit is flushed and closed.
public struct APIService: Service {
    /// What the routes share.
    public let runtime: APIRuntime
    /// The Hummingbird application (with the follower, reloader and audit closer as its services).
    public let application: Application<RouterResponder<APIContext>>
    /// Every route, as `METHOD /path/{param}` (what the OpenAPI document must list).
    public let routes: [String]

    /// Connects to the cluster (grants read to their end, the audit chain opened), loads
    /// the keys and builds the application. `onListening` gets the bound port (useful with port 0).
    public init(config: APIConfig, catalogue: Catalogue, library: (any LibraryReader)?, logger: Logger,
                onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let grants = try await GrantFollower(client: config.client, catalogue: catalogue, interval: config.grantInterval,
                                             logger: logger)
        let audit = try await AccessAuditLog.open(client: config.client, instance: config.instance)
        let keys = try KeyRing(path: config.keysPath, logger: logger)
        runtime = APIRuntime(config: config, catalogue: catalogue, library: library, grants: grants, audit: audit,
                             keys: keys, metrics: APIMetrics(), logger: logger)
        let router = try APIApplication.router(runtime)
        routes = router.routes.map { "\($0.method.rawValue) \(OpenAPIDocument.template($0.path.description))" }.sorted()
        application = Application(
            responder: router.buildResponder(),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "shuniu"),
            services: [AuditCloser(audit: audit, logger: logger), grants, keys],
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? config.port) },
            logger: logger)
    }

    public func run() async throws {
        try await application.runService()
    }
}

/// Waits for shutdown, then flushes and closes the access audit. Listed before the server
/// among the application's services, so it stops after the server has stopped answering.
struct AuditCloser: Service {
    let audit: AccessAuditLog
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        do { try await audit.flush() } catch { logger.error("access audit not fully flushed: \(error)") }
        await audit.close()
        let written = await audit.written
        logger.info("access audit flushed (\(written) records this run)")
    }
}
