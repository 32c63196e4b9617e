import Foundation
import Logging
import ServiceLifecycle
import ShuniuAPI
import ShuniuCredit
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel
import ShuniuOpenData
import ShuniuRouter

/// The hub's services as the demo runs them, in one service group with graceful shutdown on
/// SIGINT/SIGTERM: the router, the library and credit projectors and the HTTP API; the
/// open-data service joins once the tour has published the first snapshots.
struct DemoServices {
    let router: RouterService
    let projector: ProjectorService<LibraryTarget>
    let library: SQLiteLibraryStore
    let credit: ProjectorService<CreditTarget>
    let creditStore: SQLiteCreditStore
    let openData: OpenDataPublisher
    /// Keeps the snapshots fresh; started by the tour after its own first pass, because two
    /// publishers must never write the same snapshot folder at once.
    let openDataService: OpenDataService
    let group: ServiceGroup
    /// The API's bound port, once it listens.
    let port: PortBox

    /// Where the demo keeps its files (`.shuniu` by default): the library, the credit
    /// library and the open-data snapshots, each started afresh.
    let state: String
    var libraryPath: String { "\(state)/library.sqlite" }
    var openDataPath: String { "\(state)/demo-opendata" }
    var creditPath: String { "\(state)/credit.sqlite" }

    init(client: KafkaClientConfig, catalogue: Catalogue, catalogueDirectory: URL, state: String, apiPort: Int, keysPath: String,
         secret: HubSecret) async throws {
        self.state = state
        let libraryPath = "\(state)/library.sqlite"
        let creditPath = "\(state)/credit.sqlite"
        let openDataPath = "\(state)/demo-opendata"
        var logger = ServiceLogging.logger("shuniu.demo")
        logger.logLevel = .warning
        var routerConfig = RouterConfig()
        routerConfig.client = client
        routerConfig.secret = secret
        router = RouterService(config: routerConfig, catalogue: catalogue, logger: logger)

        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: libraryPath + suffix) }
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        library = try SQLiteLibraryStore(path: libraryPath)
        var projectorConfig = ProjectorConfig()
        projectorConfig.client = client
        projector = ProjectorService(config: projectorConfig, catalogue: catalogue, store: library, logger: logger)

        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: creditPath + suffix) }
        creditStore = try SQLiteCreditStore(path: creditPath, catalogue: catalogue)
        credit = try ProjectorService(config: projectorConfig, catalogue: catalogue, store: creditStore,
                                      hub: SigningKey.hub(secret).verifyingKey, logger: logger)

        try? FileManager.default.removeItem(atPath: openDataPath)
        let negativeList = try NegativeList.load(file: catalogueDirectory.appendingPathComponent("negative-list.yaml"), catalogue: catalogue)
        openData = OpenDataPublisher(catalogue: catalogue, negativeList: negativeList, policy: DisclosurePolicy(minCell: 3, suppress: true),
                                     store: SnapshotStore(root: URL(fileURLWithPath: openDataPath, isDirectory: true)))
        // Refusals by the gate are expected in a small city; the tour lists them.
        var quiet = logger
        quiet.logLevel = .error
        openDataService = OpenDataService(publisher: openData, source: try KafkaOpenDataSource(client: client, catalogue: catalogue),
                                              interval: .seconds(30), logger: quiet)

        var apiConfig = APIConfig()
        apiConfig.client = client
        apiConfig.port = apiPort
        apiConfig.keysPath = keysPath
        apiConfig.consentsPath = URL(fileURLWithPath: state).appendingPathComponent("consents.sqlite").path
        apiConfig.instance = "api-demo"
        apiConfig.secret = secret
        let port = PortBox()
        self.port = port
        let creditReader = CreditReader(lookup: try SQLiteCreditReader(path: creditPath), catalogue: catalogue)
        let api = try await APIService(config: apiConfig, catalogue: catalogue, library: try SQLiteLibraryReader(path: libraryPath),
                                       credit: creditReader, openData: openData.store, logger: logger) { await port.set($0) }
        group = ServiceGroup(configuration: .init(services: [router, projector, credit, api],
                                                  gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    }
}

/// The API's port, set when it starts listening.
actor PortBox {
    private(set) var value: Int?

    func set(_ port: Int) { value = port }

    /// Waits until the port is known.
    func wait() async throws -> Int {
        while value == nil { try await Task.sleep(for: .milliseconds(50)) }
        return value!
    }
}
