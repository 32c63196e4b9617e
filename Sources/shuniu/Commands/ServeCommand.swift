import ArgumentParser
import Foundation
import ServiceLifecycle
import ShuniuAPI
import ShuniuLibraries

/// `shuniu serve`: the HTTP query API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the libraries over HTTP under the departments' grants, every read on audit.access (docs/api.md).",
        discussion: """
        Departments authenticate with `Authorization: Bearer <key>` (issue keys with `shuniu keys issue`).
        Runs until SIGINT or SIGTERM, then stops taking requests, flushes the access audit and exits.
        The pseudonym mask key is read from $SHUNIU_SECRET, as for the router.
        """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions

    @Option(help: "Interface to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port, printed at start).")
    var port = 8080

    @Option(help: "The library file the projector writes.")
    var library = ".shuniu/library.sqlite"

    @Option(help: "The API key file (`shuniu keys`).")
    var keys = APIKeyStore.defaultPath

    @Option(help: "Name of this instance's access-audit chain (access/<instance>); one running instance per name.")
    var instance = "api"

    func run() async throws {
        let logger = ServiceLogging.logger("shuniu.api")
        var config = APIConfig()
        config.host = host
        config.port = port
        config.client = broker.client(id: "shuniu-api")
        config.keysPath = keys
        config.instance = instance
        if let secret = ProcessInfo.processInfo.environment["SHUNIU_SECRET"], !secret.isEmpty {
            config.secret = Array(secret.utf8)
        } else {
            logger.warning("SHUNIU_SECRET is not set: pseudonyms use the development key")
        }
        guard FileManager.default.fileExists(atPath: library) else {
            throw ValidationError("no library at \(library); the projector writes it (start the projector first), or pass --library FILE")
        }
        let reader = try SQLiteLibraryReader(path: library)
        let service = try await APIService(config: config, catalogue: try catalog.load(), library: reader, logger: logger) { port in
            Console.say("shuniu API on http://\(host):\(port) (library \(library), keys \(keys))")
        }
        let group = ServiceGroup(configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger))
        try await group.run()
    }
}
