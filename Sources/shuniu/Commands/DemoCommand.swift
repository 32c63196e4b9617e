import ArgumentParser
import Foundation

/// `shuniu demo`: the main job of the README's first command.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The live city: departments publish, the router shares by function, projectors build the libraries, the API serves them.",
        discussion: """
        Runs the router, the library and credit projectors, the open-data service and the query API in one
        process group, publishes a synthetic city's feeds, prints a tour (exchange totals, a person through the
        API as three departments see them, the libraries, open data, audit verification, curl commands) and keeps
        serving until Ctrl-C (SIGINT/SIGTERM stop it gracefully). --once stops after the tour.
        """
    )

    @OptionGroup var broker: BrokerOptions
    @OptionGroup var catalog: CatalogOptions

    @Option(help: "Persons in the synthetic city.")
    var persons = 10_000

    @Option(help: "Legal entities in the synthetic city.")
    var entities = 1_000

    @Option(help: "Where the demo keeps its files: the city's feeds, the libraries, open data, API keys.")
    var state = ".shuniu"

    @Option(help: "Port of the query API (0: any free port).")
    var port = 8080

    @Option(help: "The API key file (default <state>/api-keys.sqlite); the demo issues a key per demo department into it.")
    var keys: String?

    @Flag(help: "Stop after the tour instead of serving until Ctrl-C (for scripts and CI).")
    var once = false

    func run() async throws {
        let demo = CityDemo(client: broker.client(id: "shuniu-demo"), catalogue: try catalog.load(), persons: persons,
                            entities: entities, directory: URL(fileURLWithPath: "\(state)/demo-city", isDirectory: true), apiPort: port,
                            keysPath: keys ?? "\(state)/api-keys.sqlite", catalogueDirectory: catalog.directory, state: state, once: once)
        try await demo.run()
    }
}
