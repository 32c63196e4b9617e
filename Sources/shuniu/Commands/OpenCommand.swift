import ArgumentParser
import Foundation
import ServiceLifecycle
import ShuniuModel
import ShuniuOpenData

/// `shuniu open ...`: open-data snapshots behind the disclosure-control gate.
struct OpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Publish and inspect open-data snapshots (versioned, behind a disclosure-control gate).",
        discussion: "See docs/open-data.md for the datasets, the gate's rules and the files of a version.",
        subcommands: [OpenPublish.self, OpenWatch.self, OpenList.self, OpenShow.self, OpenDatasets.self, OpenCheck.self, OpenCatalog.self]
    )
}

/// `--out`, `--min-cell`, `--negative-list`, `--dataset`: what every publishing command takes.
struct OpenDataOptions: ParsableArguments {
    @Option(help: "The snapshot folder: <out>/<dataset>/v<N>/.")
    var out = "opendata"

    @Option(help: "The smallest count published (n >= 3).")
    var minCell = DisclosurePolicy.defaultMinCell

    @Flag(help: "Refuse a table with a small cell instead of hiding the cell.")
    var noSuppression = false

    @Option(help: "The negative list of themes and fields that never open.")
    var negativeList = "topics/negative-list.yaml"

    @Option(name: .customLong("dataset"), help: "Publish only this dataset (repeatable; default: every dataset).")
    var only: [String] = []

    func validate() throws {
        guard minCell >= 3 else { throw ValidationError("--min-cell must be at least 3 (the issue's floor); got \(minCell)") }
        let known = Set(OpenDataset.standard.map(\.id))
        for id in only where !known.contains(id) {
            throw ValidationError("no dataset '\(id)'; `shuniu open datasets` lists them")
        }
    }

    /// The publisher over the catalogue.
    func publisher(_ catalogue: Catalogue) throws -> OpenDataPublisher {
        let list: NegativeList
        do {
            list = try NegativeList.load(file: URL(fileURLWithPath: negativeList), catalogue: catalogue)
        } catch {
            for diagnostic in error.diagnostics { Console.say("\(diagnostic)") }
            throw ExitCode(1)
        }
        let datasets = only.isEmpty ? OpenDataset.standard : OpenDataset.standard.filter { only.contains($0.id) }
        return OpenDataPublisher(catalogue: catalogue, datasets: datasets, negativeList: list,
                                 policy: DisclosurePolicy(minCell: minCell, suppress: !noSuppression),
                                 store: SnapshotStore(root: URL(fileURLWithPath: out, isDirectory: true)))
    }
}

struct OpenPublish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Read every dataset's theme to the end of its src.<theme> topic, pass the gate, write new versions.",
        discussion: "A version is written only when the dataset's content changed; existing versions are never rewritten."
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @OptionGroup var options: OpenDataOptions

    func run() async throws {
        let catalogue = try catalog.load()
        let publisher = try options.publisher(catalogue)
        let source = try KafkaOpenDataSource(client: broker.client(id: "shuniu-open"), catalogue: catalogue)
        let started = ContinuousClock.now
        var refused = 0
        Console.progress("reading \(publisher.themes.count) themes from \(broker.bootstrap)…")
        _ = try await publisher.publish(from: source) { dataset, outcome in
            Console.endProgress()
            Console.say(OpenPublish.line(dataset.id, outcome))
            if case .refused = outcome { refused += 1 }
        }
        Console.say("\(publisher.datasets.count) datasets in \(String(format: "%.1f", (ContinuousClock.now - started).seconds)) s; \(refused) refused by the gate; snapshots in \(options.out)/")
    }

    static func line(_ id: String, _ outcome: DatasetOutcome) -> String {
        switch outcome {
        case .published(let version, let rows, let suppressed):
            return "\(id): published v\(version) (\(rows) rows\(suppressed > 0 ? ", \(suppressed) cells suppressed" : ""))"
        case .unchanged(let version):
            return "\(id): unchanged (v\(version))"
        case .noData:
            return "\(id): no data yet"
        case .refused(let reasons):
            return "\(id): refused\n" + reasons.map { "  - \($0)" }.joined(separator: "\n")
        }
    }
}

struct OpenWatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Keep the snapshots fresh: publish again whenever the source topics advance (until SIGINT/SIGTERM)."
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var broker: BrokerOptions
    @OptionGroup var options: OpenDataOptions

    @Option(help: "Seconds between checks of the source offsets.")
    var interval = 60

    func run() async throws {
        let logger = ServiceLogging.logger("shuniu.open")
        let catalogue = try catalog.load()
        let service = OpenDataService(publisher: try options.publisher(catalogue),
                                      source: try KafkaOpenDataSource(client: broker.client(id: "shuniu-open"), catalogue: catalogue),
                                      interval: .seconds(max(1, interval)), logger: logger)
        let group = ServiceGroup(configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

struct OpenList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The datasets in the snapshot folder with their latest version.")

    @Option(help: "The snapshot folder.")
    var out = "opendata"

    func run() throws {
        let store = SnapshotStore(root: URL(fileURLWithPath: out, isDirectory: true))
        let names = store.datasets()
        guard !names.isEmpty else {
            Console.say("no snapshots in \(out)/; run `shuniu open publish --out \(out)`")
            return
        }
        var rows: [[String]] = []
        for name in names {
            let versions = try store.versions(name)
            guard let latest = versions.last?.metadata else { continue }
            rows.append([name, latest.theme, latest.version, String(versions.count), String(latest.rowCount), latest.modified, latest.title.zh])
        }
        Table(header: ["dataset", "domain", "latest", "versions", "rows", "modified", "title"], rows: rows).print()
    }
}

struct OpenCatalog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Print the open-data catalogue as DCAT-AP 3.0 (Turtle or JSON-LD), as GET /v1/open/catalog serves it.",
        discussion: "For a static site or a harvester that reads files. Validate with pyshacl and the DCAT-AP 3.0.0 SHACL shapes (docs/open-data.md).")

    @OptionGroup var catalog: CatalogOptions
    @Option(help: "The snapshot folder.") var out = "opendata"
    @Option(help: "turtle or jsonld.") var format = "turtle"
    @Option(help: "The public URL the files are served under (the IRIs' base).") var base = "http://127.0.0.1:8080"

    func validate() throws {
        guard ["turtle", "jsonld"].contains(format) else { throw ValidationError("--format is turtle or jsonld") }
        guard base.hasPrefix("http://") || base.hasPrefix("https://") else { throw ValidationError("--base is an http(s) URL") }
    }

    func run() throws {
        let store = SnapshotStore(root: URL(fileURLWithPath: out, isDirectory: true))
        let (graph, unreadable) = DCATCatalog(base: base, catalogue: try catalog.load()).graph(store)
        for error in unreadable { Console.fail("left out: \(error)") }
        print(format == "turtle" ? graph.turtle() : graph.jsonLD(), terminator: "")
    }
}

struct OpenShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One dataset: its metadata and every version.")

    @Argument(help: "The dataset id.")
    var dataset: String

    @Option(help: "The snapshot folder.")
    var out = "opendata"

    func run() throws {
        let store = SnapshotStore(root: URL(fileURLWithPath: out, isDirectory: true))
        let versions = try store.versions(dataset)
        guard let latest = versions.last?.metadata else {
            throw ValidationError("no versions of '\(dataset)' in \(out)/; `shuniu open list --out \(out)` shows what is there")
        }
        Console.say("\(latest.identifier): \(latest.title.zh) / \(latest.title.en)")
        Console.say("  \(latest.description)")
        Console.say("  domain \(latest.theme) (\(latest.themeLabel.zh)); publisher \(latest.publisher.name.zh); licence \(latest.license)")
        Console.say("  source theme \(latest.sourceTheme) from \(latest.sourceProvider), updated \(latest.accrualPeriodicity); issued \(latest.issued)")
        Console.say("  disclosure control: \(latest.disclosureControl.kind), n = \(latest.disclosureControl.minCell)")
        var rows: [[String]] = []
        for version in versions {
            let metadata = version.metadata
            let csv = metadata.distribution.first { $0.title == "data.csv" }
            rows.append([metadata.version, metadata.modified, String(metadata.rowCount), String(metadata.disclosureControl.suppressedCells),
                         metadata.sourceOffsets.map { "\($0.partition):\($0.endOffset)" }.joined(separator: " "),
                         csv.map { String($0.checksum.dropFirst(7).prefix(16)) } ?? "", version.directory.path])
        }
        Table(header: ["version", "modified", "rows", "suppressed", "offsets", "data.csv sha256", "path"], rows: rows).print()
    }
}

struct OpenDatasets: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "datasets", abstract: "The dataset catalogue across the 14 open-data domains.")

    func run() throws {
        var rows: [[String]] = []
        for domain in OpenDomain.all {
            let datasets = OpenDataset.standard.filter { $0.domain == domain.id }
            if datasets.isEmpty { rows.append(["\(domain.zh) \(domain.id)", "(none yet)", "", ""]) }
            for dataset in datasets {
                let kind: String
                switch dataset.content {
                case .records: kind = "records"
                case .counts(let rowDimensions, let column): kind = "counts: " + (rowDimensions + [column]).map(\.name).joined(separator: " × ")
                }
                rows.append(["\(domain.zh) \(domain.id)", dataset.id, dataset.theme, kind])
            }
        }
        Table(header: ["domain", "dataset", "theme", "content"], rows: rows).print()
    }
}

struct OpenCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the negative list and every dataset definition against the catalogue; exit 1 on any problem."
    )

    @OptionGroup var catalog: CatalogOptions

    @Option(help: "The negative list.")
    var negativeList = "topics/negative-list.yaml"

    func run() throws {
        let catalogue = try catalog.load()
        let list: NegativeList
        do {
            list = try NegativeList.load(file: URL(fileURLWithPath: negativeList), catalogue: catalogue)
        } catch {
            for diagnostic in error.diagnostics { Console.say("\(diagnostic)") }
            throw ExitCode(1)
        }
        var problems = 0
        for dataset in OpenDataset.standard {
            guard let theme = catalogue.theme(dataset.theme) else {
                Console.say("\(dataset.id): theme '\(dataset.theme)' is not in the catalogue")
                problems += 1
                continue
            }
            for refusal in DefinitionGate.review(dataset, theme: theme, negativeList: list) {
                Console.say("\(dataset.id): \(refusal)")
                problems += 1
            }
        }
        Console.say("\(OpenDataset.standard.count) datasets, \(list.themes.count) themes and \(list.fields.count) fields on the negative list: \(problems) problem(s)")
        if problems > 0 { throw ExitCode(1) }
    }
}
