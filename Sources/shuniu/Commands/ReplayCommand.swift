import ArgumentParser
import Foundation
import ShuniuAudit
import ShuniuModel
import ShuniuRouter

/// `shuniu replay`: re-runs the routing decisions of one theme and compares them with the audit.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-run the routing of a theme from its source topic and the grant history; report differences from the audit.",
        discussion: """
            Each source record is decided again by the router's own function, under the ctl.grants prefix the \
            router could have had (every grant event written before the record, none written after its audit \
            records), with grant validity judged on the event's day. Differences: a decision with no audit record, \
            an audit record with no decision, different fields or digest. --since/--until bound the report by the \
            events' ce_time; every record is still replayed (scope memory needs the whole partition). \
            The hub secret is $SHUNIU_SECRET or $SHUNIU_SECRET_FILE, as for the router (exit 78 without one). Exit 1 when any difference is found.
            """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @Option(help: "The theme to replay.") var theme: String
    @OptionGroup var bounds: AuditWindowOptions
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() async throws {
        let catalogue = try catalog.load()
        guard catalogue.theme(theme) != nil else {
            throw ValidationError("unknown theme '\(theme)'; the themes are: \(catalogue.themes.map(\.id).sorted().joined(separator: ", "))")
        }
        let window = try bounds.window()
        let secret = try SecretOption.load()
        let started = ContinuousClock.now
        let report = try await RoutingReplay.run(client: broker.client(id: "shuniu-replay"), catalogue: catalogue, secret: secret,
                                                 theme: theme, window: window, progress: AuditOutput.progress)
        Console.endProgress()
        if json {
            try AuditOutput.json(report)
        } else {
            Console.say("replay of \(theme), \(AuditOutput.describe(window)) (\(String(format: "%.1f", (ContinuousClock.now - started).seconds)) s)")
            Console.say("  source records replayed: \(report.records) (\(report.recordsInWindow) in the window), decisions compared: \(report.decisions)")
            Console.say("  routed under a grant change in flight: \(report.routedBeforeGrantChange); segments started by a new router process: \(report.segmentsAfterRestart); routings cut off by a crash: \(report.routingsCutOff)")
            Console.say("  received records checked against the audit: \(report.received)\(report.receivedUnattributed > 0 ? " (+\(report.receivedUnattributed) naming no theme)" : ""); audit records not sealed by this hub: \(report.unsealedAuditRecords)")
            if report.isClean {
                Console.say("no difference: every decision matches the audit")
            } else {
                Console.say("\(report.differences.count) difference(s)\(report.differencesOutsideWindow > 0 ? " (\(report.differencesOutsideWindow) more outside the window)" : ""):")
                for difference in report.differences.prefix(50) { Console.say("  \(difference)") }
                if report.differences.count > 50 { Console.say("  ... \(report.differences.count - 50) more (--json lists all)") }
            }
        }
        if !report.isClean { throw ExitCode(1) }
    }
}
