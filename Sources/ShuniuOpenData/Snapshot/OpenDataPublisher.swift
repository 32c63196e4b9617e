import Foundation
import ShuniuModel

/// What a publication pass did with one dataset.
public enum DatasetOutcome: Sendable, Hashable {
    /// A new version was written.
    case published(version: Int, rows: Int, suppressed: Int)
    /// The content equals the latest version's; nothing written.
    case unchanged(version: Int)
    /// The gate refused; nothing written.
    case refused([DisclosureRefusal])
    /// The source has no rows for it yet; nothing written.
    case noData
}

/// One publication pass: for each dataset, read the theme's state from the source, build the
/// content, pass the gate, and write a new version when the content changed.
public struct OpenDataPublisher: Sendable {
    /// The catalogue.
    public let catalogue: Catalogue
    /// The datasets to publish.
    public let datasets: [OpenDataset]
    /// The negative list.
    public let negativeList: NegativeList
    /// The disclosure policy.
    public let policy: DisclosurePolicy
    /// Where versions go.
    public let store: SnapshotStore

    /// A publisher.
    public init(catalogue: Catalogue, datasets: [OpenDataset] = OpenDataset.standard, negativeList: NegativeList,
                policy: DisclosurePolicy, store: SnapshotStore) {
        self.catalogue = catalogue
        self.datasets = datasets
        self.negativeList = negativeList
        self.policy = policy
        self.store = store
    }

    /// The themes the datasets read, in catalogue order.
    public var themes: [Theme] {
        let wanted = Set(datasets.map(\.theme))
        return catalogue.themes.filter { wanted.contains($0.id) }
    }

    /// Publishes every dataset from `source`, theme by theme at the positions taken at the
    /// start of the pass; `progress` is told each dataset's outcome.
    public func publish(from source: any OpenDataSource,
                        progress: (OpenDataset, DatasetOutcome) -> Void = { _, _ in }) async throws -> [String: DatasetOutcome] {
        var outcomes: [String: DatasetOutcome] = [:]
        func settle(_ dataset: OpenDataset, _ outcome: DatasetOutcome) {
            outcomes[dataset.id] = outcome
            progress(dataset, outcome)
        }
        var readable: [(theme: Theme, datasets: [OpenDataset])] = []
        for dataset in datasets {
            guard let theme = catalogue.theme(dataset.theme) else {
                settle(dataset, .refused([DisclosureRefusal(code: .unknownField, message: "theme '\(dataset.theme)' of dataset '\(dataset.id)' is not in the catalogue")]))
                continue
            }
            let definition = DefinitionGate.review(dataset, theme: theme, negativeList: negativeList)
            guard definition.isEmpty else {
                settle(dataset, .refused(definition))
                continue
            }
            if let index = readable.firstIndex(where: { $0.theme.id == theme.id }) {
                readable[index].datasets.append(dataset)
            } else {
                readable.append((theme, [dataset]))
            }
        }
        let positions = try await source.positions(of: readable.map(\.theme))
        for (theme, themeDatasets) in readable {
            let snapshot = try await source.snapshot(of: theme, at: positions)
            for dataset in themeDatasets { settle(dataset, try publish(dataset, theme: theme, snapshot: snapshot)) }
        }
        return outcomes
    }

    /// Publishes one dataset from a theme snapshot (pure apart from the store).
    public func publish(_ dataset: OpenDataset, theme: Theme, snapshot: ThemeSnapshot) throws -> DatasetOutcome {
        let latest = try store.versionNumbers(dataset.id).last.map { try store.version(dataset.id, $0) }
        let content = DatasetBuilder.build(dataset, theme: theme, rows: snapshot.state.rows, latestTime: snapshot.state.latestTime)
        let csv: [UInt8], json: [UInt8], rowCount: Int, suppressed: Int
        switch content {
        case .records(let fields, let rows):
            guard !rows.isEmpty else { return .noData }
            let scan = IdentifierScan.review(rows, dataset: dataset)
            guard scan.isEmpty else { return .refused(scan) }
            (csv, json, rowCount, suppressed) = (SnapshotRenderer.csv(fields: fields, rows: rows), SnapshotRenderer.json(rows: rows), rows.count, 0)
        case .counts(let table):
            guard table.total > 0 else { return .noData }
            let previous = try latest.map { version -> PublishedTable in
                try JSONDecoder().decode(PublishedTable.self, from: Data(try store.file(version, "data.json")))
            }
            switch DisclosureGate.review(table, previous: previous, policy: policy) {
            case .refuse(let reasons):
                return .refused(reasons)
            case .publish(let release):
                (csv, json, rowCount, suppressed) = (SnapshotRenderer.csv(table: release), try SnapshotRenderer.json(table: release),
                                                     release.rows.count, release.suppressedCount)
            }
        }
        if let latest, try store.file(latest, "data.csv") == csv, try store.file(latest, "data.json") == json {
            return .unchanged(version: latest.number)
        }
        let number = (latest?.number ?? 0) + 1
        let modified = snapshot.state.latestTime ?? "1970-01-01T00:00:00Z"
        let issued = number == 1 ? modified : try store.version(dataset.id, store.versionNumbers(dataset.id).first!).metadata.issued
        let metadata = self.metadata(dataset, theme: theme, version: number, issued: issued, modified: modified,
                                     rows: rowCount, suppressed: suppressed, positions: snapshot.positions, csv: csv, json: json)
        let metadataBytes = Array(try SnapshotRenderer.encoder.encode(metadata)) + [UInt8(ascii: "\n")]
        _ = try store.write(dataset.id, version: number, files: [("data.csv", csv), ("data.json", json), ("metadata.json", metadataBytes)])
        return .published(version: number, rows: rowCount, suppressed: suppressed)
    }

    private func metadata(_ dataset: OpenDataset, theme: Theme, version: Int, issued: String, modified: String, rows: Int,
                          suppressed: Int, positions: [SourcePosition], csv: [UInt8], json: [UInt8]) -> SnapshotMetadata {
        let domain = OpenDomain.named(dataset.domain)
        let body = catalogue.departments(holding: "open-data-management").first
        let kind: String
        if case .records = dataset.content { kind = "records" } else { kind = "counts" }
        func distribution(_ name: String, _ type: String, _ bytes: [UInt8]) -> SnapshotMetadata.Distribution {
            SnapshotMetadata.Distribution(title: name, downloadURL: name, mediaType: type, byteSize: bytes.count,
                                          checksum: "sha256:" + SHA256Digest.hex(SHA256Digest.hash(bytes)))
        }
        return SnapshotMetadata(identifier: dataset.id, version: "v\(version)", previousVersion: version > 1 ? "v\(version - 1)" : nil,
                                title: dataset.title, description: dataset.description, theme: dataset.domain,
                                themeLabel: LocalizedName(zh: domain?.zh ?? dataset.domain, en: domain?.en ?? dataset.domain),
                                publisher: SnapshotMetadata.Publisher(id: body?.id ?? "data-administration",
                                                                      name: body?.name ?? LocalizedName(zh: "政务服务数据管理局", en: "Government Service and Data Administration")),
                                sourceProvider: theme.provider, sourceTheme: theme.id, license: SnapshotMetadata.license,
                                issued: issued, modified: modified, accrualPeriodicity: theme.update.rawValue, rowCount: rows,
                                sourceOffsets: positions,
                                disclosureControl: SnapshotMetadata.DisclosureControl(kind: kind, minCell: policy.minCell, suppressedCells: suppressed),
                                distribution: [distribution("data.csv", "text/csv", csv), distribution("data.json", "application/json", json)])
    }
}
