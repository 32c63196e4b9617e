import ArgumentParser
import Foundation
import ServiceLifecycle
import ShuniuAPI
import ShuniuCredit
import ShuniuLibraries
import ShuniuOpenData

/// `shuniu serve`: the HTTP query API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the libraries over HTTP under the departments' grants, every read on audit.access (docs/api.md).",
        discussion: """
        Departments authenticate with `Authorization: Bearer <key>` (issue keys with `shuniu keys issue`).
        Runs until SIGINT or SIGTERM, then stops taking requests, flushes the access audit and exits.
        The hub secret is read from $SHUNIU_SECRET or $SHUNIU_SECRET_FILE, as for the router (exit 78 without one).
        """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions

    @Option(help: "Interface to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port, printed at start).")
    var port = 8080

    @OptionGroup var library: LibraryOptions

    @Option(help: "The credit library file (`shuniu credit project`); the credit routes answer 503 when it is missing.")
    var creditLibrary = ".shuniu/credit.sqlite"

    @Option(help: "The open-data snapshot folder (`shuniu open publish --out`).")
    var openData = "opendata"

    @Option(help: "The API key file (`shuniu keys`).")
    var keys = APIKeyStore.defaultPath

    @Option(help: "The URL clients reach this API at (e.g. behind a proxy), for the IRIs of the DCAT-AP catalogue; default: http://<Host header>.")
    var publicURL: String?

    @Option(help: "The ledger of used consent codes (single use of the holders' codes for GET /v1/licences); mode 0600.")
    var consents = ConsentLedger.defaultPath

    @Option(help: "Name of this instance's access-audit chain (access/<instance>); one running instance per name.")
    var instance = "api"

    @Option(help: "GET /v1/stats is computed at most once per this many seconds, however many ask.")
    var statsInterval = 10

    @Option(help: """
        The access audit's loss window: records of answered reads that may wait for the broker's acknowledgement         at once (beyond, reads get 503 audit-unavailable); a crash loses at most this many access records.
        """)
    var auditWindow = APIConfig.defaultAccessAuditWindow

    func validate() throws {
        guard (1...86_400).contains(statsInterval) else { throw ValidationError("--stats-interval must be 1...86400 seconds") }
        guard (1...1_000_000).contains(auditWindow) else { throw ValidationError("--audit-window must be 1...1000000 records") }
    }

    func run() async throws {
        let logger = ServiceLogging.logger("shuniu.api")
        var config = APIConfig()
        config.host = host
        config.port = port
        config.client = broker.client(id: "shuniu-api")
        config.keysPath = keys
        config.consentsPath = consents
        config.publicURL = publicURL
        config.instance = instance
        config.statsInterval = .seconds(statsInterval)
        config.accessAuditWindow = auditWindow
        config.secret = try SecretOption.load()
        let path = library.library
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no library at \(path): run `shuniu project --until-end` (or the demo) first, or pass --library FILE")
        }
        let reader = try SQLiteLibraryReader(path: path)
        let catalogue = try catalog.load()
        var credit: CreditReader?
        if FileManager.default.fileExists(atPath: creditLibrary) {
            credit = CreditReader(lookup: try SQLiteCreditReader(path: creditLibrary), catalogue: catalogue)
        } else {
            logger.warning("no credit library at \(creditLibrary): /v1/credit answers 503")
        }
        let snapshots = SnapshotStore(root: URL(fileURLWithPath: openData, isDirectory: true))
        let service = try await APIService(config: config, catalogue: catalogue, library: reader, credit: credit,
                                           openData: snapshots, logger: logger) { port in
            Console.say("shuniu API on http://\(host):\(port) (library \(path), keys \(keys))")
        }
        let group = ServiceGroup(configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger))
        try await group.run()
    }
}
