import ArgumentParser
import Foundation
import ShuniuAudit
import ShuniuModel

/// `shuniu trace FILE`: which department(s) and grant(s) the rows of a file found outside the
/// hub were delivered to, and when (docs/trace.md).
struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Trace a leaked CSV or JSON Lines file to the departments and grants its rows were delivered to.",
        discussion: """
            Re-runs the routing of the themes (all of them by default) as replay does, keeps each delivery the \
            audit confirms (same subscriber, grant and sha256), and matches every row of FILE against them: a row \
            that is a delivered value byte for byte matches its digest; otherwise a row matches the deliveries \
            holding the most of its distinctive values (2 or more, or one pseudonym: pseudonyms are keyed per \
            receiving department). Column names are ignored; rows may be shuffled and columns dropped. At most \
            --limit rows are read. The pseudonym key is $SHUNIU_SECRET, as for the router. \
            Exit 0 when some row is traced, 3 when no row matches a delivery, 64 bad input, 78 no hub secret.
            """
    )

    /// The exit code of a file none of whose rows matches a delivery.
    static let noMatch: Int32 = 3

    @Argument(help: "The CSV (with a header row) or JSON Lines file.") var file: String
    @Option(name: .customLong("theme"), help: "A theme to trace against (repeatable; default: every theme).") var themes: [String] = []
    @Option(help: "Read at most this many rows of the file.") var limit = LeakFile.defaultLimit
    @Flag(help: "The CSV file has no header row: its first line is data.") var noHeader = false
    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() async throws {
        let catalogue = try catalog.load()
        for theme in themes where catalogue.theme(theme) == nil {
            throw ValidationError("unknown theme '\(theme)'; the themes are: \(catalogue.themes.map(\.id).sorted().joined(separator: ", "))")
        }
        let chosen = themes.isEmpty ? catalogue.themes.map(\.id).sorted() : themes
        let leak: LeakFile
        let path = file
        do {
            leak = try LeakFile.read(path: path, limit: limit, header: !noHeader) { lines in
                Console.progress("reading \(path): \(Console.grouped(Double(lines))) lines")
            }
        } catch {
            throw ValidationError(error.message)
        }
        let secret = try SecretOption.load()
        let started = ContinuousClock.now
        let report = try await LeakTrace.run(client: broker.client(id: "shuniu-trace"), catalogue: catalogue, secret: secret,
                                             themes: chosen, file: leak, progress: AuditOutput.progress,
                                             status: { Console.progress($0) })
        Console.endProgress()
        if json {
            try AuditOutput.json(report)
        } else {
            TracePrinter.print(report, themes: chosen.count, seconds: (ContinuousClock.now - started).seconds)
        }
        if !report.isTraced { throw ExitCode(Self.noMatch) }
    }
}

/// The text form of a trace report.
enum TracePrinter {
    static func print(_ report: LeakReport, themes: Int, seconds: Double) {
        var summary = "file \(report.file): \(report.rows) rows"
        for source in report.sources {
            summary += "; \(source.rows) traced to \(source.department) under grant \(source.grant) (\(source.themes.joined(separator: ", "))"
            summary += source.lastDelivered.map { ", delivered \(span(source.firstDelivered ?? $0, $0))" } ?? ""
            summary += ")"
        }
        summary += report.unmatched == 0 ? "; every row traced" : "; \(report.unmatched) row(s) match no delivery"
        Console.say(summary)
        Console.say("  \(report.format.rawValue), \(report.rows) row(s) read\(report.truncated ? " (the first \(report.rowLimit): --limit)" : "")"
            + "\(report.unreadable > 0 ? ", \(report.unreadable) unreadable line(s)" : ""); \(report.deliveriesCompared) confirmed "
            + "deliveries of \(themes) theme(s) compared (\(String(format: "%.1f", seconds)) s)")
        for source in report.sources {
            Console.say("  \(source.department) under \(source.grant)\(source.basis.map { " (\($0))" } ?? ""): \(source.rows) row(s), "
                + "\(source.onlyHere) traced there alone; by digest \(source.byDigest), pseudonym \(source.byPseudonym), "
                + "values \(source.byValues); events \(span(source.firstEvent, source.lastEvent)); e.g. \(source.examples.joined(separator: ", "))")
        }
        if report.ambiguous > 0 {
            Console.say("  \(report.ambiguous) row(s) match deliveries to more than one department equally (counted for each)")
        }
        if report.unmatched > 0 {
            let lines = report.unmatchedLines.map(String.init).joined(separator: ", ")
            Console.say("  no delivery matches line(s) \(lines)\(report.unmatched > report.unmatchedLines.count ? ", ..." : "")")
        }
        if !report.isTraced {
            Console.say("no row of the file matches a delivery of the hub")
        }
    }

    private static func span(_ first: String, _ last: String) -> String { first == last ? first : "\(first) … \(last)" }
}
