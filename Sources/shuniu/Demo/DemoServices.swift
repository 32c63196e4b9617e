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
/// SIGINT/SIGTERM: the router, the library and credit projectors, the open-data service and
/// the HTTP API.
struct DemoServices {
    let router: RouterService
    let projector: ProjectorService<LibraryTarget>
    let library: SQLiteLibraryStore
    let credit: ProjectorService<CreditTarget>
    let creditStore: SQLiteCreditStore
    let openData: OpenDataPublisher
    let group: ServiceGroup
    /// The API's bound port, once it listens.
    let port: PortBox

    static let libraryPath = ".shuniu/library.sqlite"
    static let openDataPath = ".shuniu/demo-opendata"
    static let creditPath = ".shuniu/credit.sqlite"

    init(client: KafkaClientConfig, catalogue: Catalogue, apiPort: Int, keysPath: String, secret: [UInt8]?) async throws {
        var logger = ServiceLogging.logger("shuniu.demo")
        logger.logLevel = .warning
        var routerConfig = RouterConfig()
        routerConfig.client = client
        if let secret { routerConfig.secret = secret }
        router = RouterService(config: routerConfig, catalogue: catalogue, logger: logger)

        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: Self.libraryPath + suffix) }
        try FileManager.default.createDirectory(atPath: ".shuniu", withIntermediateDirectories: true)
        library = try SQLiteLibraryStore(path: Self.libraryPath)
        var projectorConfig = ProjectorConfig()
        projectorConfig.client = client
        projector = ProjectorService(config: projectorConfig, catalogue: catalogue, store: library, logger: logger)

        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: Self.creditPath + suffix) }
        creditStore = try SQLiteCreditStore(path: Self.creditPath, catalogue: catalogue)
        credit = ProjectorService(config: projectorConfig, catalogue: catalogue, store: creditStore, logger: logger)

        try? FileManager.default.removeItem(atPath: Self.openDataPath)
        let negativeList = try NegativeList.load(file: URL(fileURLWithPath: "topics/negative-list.yaml"), catalogue: catalogue)
        openData = OpenDataPublisher(catalogue: catalogue, negativeList: negativeList, policy: DisclosurePolicy(minCell: 3, suppress: true),
                                     store: SnapshotStore(root: URL(fileURLWithPath: Self.openDataPath, isDirectory: true)))
        // Refusals by the gate are expected in a small city; the tour lists them.
        var quiet = logger
        quiet.logLevel = .error
        let openDataService = OpenDataService(publisher: openData, source: try KafkaOpenDataSource(client: client, catalogue: catalogue),
                                              interval: .seconds(30), logger: quiet)

        var apiConfig = APIConfig()
        apiConfig.client = client
        apiConfig.port = apiPort
        apiConfig.keysPath = keysPath
        apiConfig.instance = "api-demo"
        if let secret { apiConfig.secret = secret }
        let port = PortBox()
        self.port = port
        let api = try await APIService(config: apiConfig, catalogue: catalogue, library: try SQLiteLibraryReader(path: Self.libraryPath),
                                       logger: logger) { await port.set($0) }
        group = ServiceGroup(configuration: .init(services: [router, projector, credit, openDataService, api],
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
