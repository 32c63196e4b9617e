import ArgumentParser
import Foundation
import Logging
import ShuniuAdapters
import ShuniuModel

/// `shuniu adapter`: a department's long-running adapter, from its SQLite table to `src.<theme>`.
struct AdapterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adapter",
        abstract: "Watch a department's SQLite table and publish its changes through a durable spool.",
        discussion: """
            The configuration (JSON) names the department, the theme, the source database and \
            table, the mode (change-table or updated-at), the spool file and the bootstrap \
            servers. Stop with Ctrl-C or SIGTERM: the batch in hand is finished and whatever is \
            not acknowledged stays in the spool for the next start. See docs/adapters.md.
            """
    )

    @Option(help: "The adapter's configuration file (JSON).")
    var config: String

    @Option(help: "The catalogue directory.")
    var catalog = "topics"

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        let settings = try AdapterConfig.load(file: config)
        let catalogue = try CatalogueLoader.load(directory: URL(fileURLWithPath: catalog))
        var logger = Logger(label: "shuniu.adapter")
        logger.logLevel = logLevel
        let adapter = try Adapter(config: settings, catalogue: catalogue, logger: logger)
        let stop = StopSignal { [logger] _, count in
            if count == 1 {
                logger.notice("stopping after the batch in hand (signal again to quit at once)")
            } else {
                Foundation.exit(130)
            }
        }
        await adapter.run(until: { stop.isRequested })
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
