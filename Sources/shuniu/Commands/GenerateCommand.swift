import ArgumentParser
import Foundation
import ShuniuCity
import ShuniuModel

/// `shuniu generate`: a deterministic synthetic city, written as one change feed per
/// providing department (`<department>/<theme>.jsonl`) plus `households.jsonl` and `manifest.json`.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a deterministic synthetic city as department change feeds.",
        discussion: """
        The same options always give byte-identical files. Every line is a feed record of its \
        theme (the row plus _sequence and _time) that passes the hub's event validation. \
        See docs/city.md.
        """
    )

    @Option(help: "Registered residents (persons with a household registration).")
    var persons = 10_000

    @Option(help: "Legal entities: enterprises, sole traders, public institutions, social organisations.")
    var entities = 1_000

    @Option(help: "The seed; the same seed gives the same city.")
    var seed: UInt64 = 1

    @Option(help: "Output directory (created; an earlier generated city there is replaced).")
    var out = "city"

    @Option(help: "The catalogue directory (departments.yaml and themes/).")
    var catalog = "topics"

    @Option(help: "Inject N known data-quality issues (listed in manifest.json); 0 for a clean city.")
    var inconsistencies = 0

    @Option(help: "Parallel writers (default: the number of cores).")
    var workers: Int?

    @Flag(help: "Read every written line back and validate it against the catalogue.")
    var verify = false

    func validate() throws {
        guard persons >= 0, entities >= 0, inconsistencies >= 0 else {
            throw ValidationError("--persons, --entities and --inconsistencies must not be negative")
        }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
    }

    func run() async throws {
        let catalogue = try loadCatalogue()
        let clock = ContinuousClock()
        let started = clock.now
        let parameters = CityParameters(persons: persons, entities: entities, seed: seed, inconsistencies: inconsistencies)
        let city = CityGenerator(parameters: parameters).build()
        let built = clock.now
        Self.note("generate: city built: \(Console.grouped(Double(city.personCount))) persons, "
            + "\(Console.grouped(Double(city.entityCount))) entities, \(Console.grouped(Double(city.migrantCount))) migrants "
            + "in \(String(format: "%.1f", (built - started).seconds)) s")
        let directory = URL(fileURLWithPath: out)
        let writer = CityWriter(catalogue: catalogue, directory: directory,
                                workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
        let report: CityReport
        do {
            report = try writer.write(city) { lines in Self.note("generate: \(Console.grouped(Double(lines))) lines") }
        } catch {
            throw ValidationError(error.description)
        }
        let elapsed = (clock.now - started).seconds
        printSummary(report, directory: directory, seconds: elapsed)
        if verify { try verifyOutput(directory, catalogue: catalogue) }
    }

    private func loadCatalogue() throws -> Catalogue {
        let directory = URL(fileURLWithPath: catalog)
        let departments = directory.appendingPathComponent("departments.yaml").path
        guard FileManager.default.fileExists(atPath: departments) else {
            throw ValidationError("no catalogue found: looked for \(departments); run from the repository root or pass --catalog DIR")
        }
        do {
            return try CatalogueLoader.load(directory: directory)
        } catch {
            throw ValidationError("the catalogue in \(directory.path) has problems (run `shuniu catalog check`):\n\(error)")
        }
    }

    private func printSummary(_ report: CityReport, directory: URL, seconds: Double) {
        let rows = report.linesByDepartment
        let width = max(10, rows.map(\.department.count).max() ?? 0)
        Console.say("wrote \(directory.path) in \(String(format: "%.1f", seconds)) s (seed \(seed))")
        Console.say("department".padding(toLength: width, withPad: " ", startingAt: 0) + "  files        lines")
        for row in rows {
            Console.say(row.department.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(row.files).rightAligned(7) + Console.grouped(Double(row.lines)).rightAligned(13))
        }
        Console.say("total".padding(toLength: width, withPad: " ", startingAt: 0)
            + String(report.files.count).rightAligned(7) + Console.grouped(Double(report.totalLines)).rightAligned(13))
        Console.say("households: \(Console.grouped(Double(report.households))) (households.jsonl)")
        if !report.emptyThemes.isEmpty { Console.say("themes left empty: \(report.emptyThemes.joined(separator: ", "))") }
        for issue in report.inconsistencies {
            Console.say("injected \(issue.kind.rawValue): \(issue.theme) \(issue.subject): \(issue.detail)")
        }
        if report.inconsistencies.count < inconsistencies {
            Console.say("only \(report.inconsistencies.count) of \(inconsistencies) issues could be placed in a city this small")
        }
    }

    private func verifyOutput(_ directory: URL, catalogue: Catalogue) throws {
        let result = try FeedVerifier(catalogue: catalogue).verify(directory: directory)
        let lines = result.linesByTheme.values.reduce(0, +)
        guard result.problemCount == 0 else {
            result.problems.forEach { Console.say($0.description) }
            throw ValidationError("\(result.problemCount) of \(lines) lines were rejected")
        }
        Console.say("verified: all \(Console.grouped(Double(lines))) lines pass event validation")
    }

    /// A progress line on stderr.
    private static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

extension String {
    /// Right-aligned in a column of `width` characters.
    fileprivate func rightAligned(_ width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }
}
