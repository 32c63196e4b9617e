import ArgumentParser
import Foundation

/// `shuniu demo`: the main job of the README's first command.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The live city: departments publish, the router shares by function, the audit proves it."
    )

    @OptionGroup var broker: BrokerOptions
    @OptionGroup var catalog: CatalogOptions

    @Option(help: "Persons in the synthetic city.")
    var persons = 10_000

    @Option(help: "Legal entities in the synthetic city.")
    var entities = 1_000

    @Option(help: "Where the city's department feeds are written.")
    var out = ".shuniu/demo-city"

    func run() async throws {
        let demo = CityDemo(client: broker.client(id: "shuniu-demo"), catalogue: try catalog.load(), persons: persons,
                            entities: entities, directory: URL(fileURLWithPath: out, isDirectory: true))
        try await demo.run()
    }
}
