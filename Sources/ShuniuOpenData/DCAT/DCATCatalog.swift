import ShuniuModel

/// The open-data catalogue as DCAT-AP 3.0: a `dcat:Catalog` of every dataset's latest
/// version, each a `dcat:Dataset` with its `dcat:Distribution`s (`data.csv`, `data.json`),
/// publisher, licence, theme, update frequency and checksums, in Turtle or JSON-LD
/// (docs/open-data.md). It validates with no violation against the DCAT-AP 3.0.0 SHACL shapes
/// (`OpenDataDCATTests` runs pyshacl). IRIs are under `base`, the API's public URL: the
/// catalogue is `<base>/v1/open/catalog`, a dataset `<base>/v1/open/datasets/<id>`, a file
/// `<base>/v1/open/datasets/<id>/versions/<n>/<file>`.
public struct DCATCatalog: Sendable {
    /// The API's public URL, without a trailing slash.
    public let base: String
    /// The catalogue (publisher names).
    public let catalogue: Catalogue

    /// A catalogue under `base`.
    public init(base: String, catalogue: Catalogue) {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        self.catalogue = catalogue
    }

    /// The department that publishes the catalogue (the city's data administration).
    public static let publisher = "data-administration"

    /// The graph of the whole catalogue: every dataset of `store` with its latest version, and
    /// the errors of the datasets left out because their latest metadata cannot be read (one
    /// damaged folder does not take the catalogue down; the caller logs them).
    public func graph(_ store: SnapshotStore) -> (graph: RDFGraph, unreadable: [SnapshotStoreError]) {
        var latest: [StoredVersion] = []
        var unreadable: [SnapshotStoreError] = []
        for dataset in store.datasets() {
            guard let number = store.versionNumbers(dataset).last else { continue }
            do {
                latest.append(try store.version(dataset, number))
            } catch {
                unreadable.append(error)
            }
        }
        return (graph(latest), unreadable)
    }

    /// The graph of a catalogue holding `versions` (each a dataset's latest).
    public func graph(_ versions: [StoredVersion]) -> RDFGraph {
        var graph = RDFGraph()
        let catalog = RDFTerm.iri("\(base)/v1/open/catalog")
        graph.type(catalog, "dcat:Catalog")
        graph.add(catalog, "dct:title", .text("公共数据开放目录", "zh"))
        graph.add(catalog, "dct:title", .text("Open data catalogue", "en"))
        graph.add(catalog, "dct:description", .text("经脱敏和披露控制（最小单元格、次级抑制）后开放的政务数据集；每个版本可追溯到源主题的偏移量。", "zh"))
        graph.add(catalog, "dct:description", .text("Government datasets opened after de-identification and disclosure control (minimum cell size, secondary suppression); every version traces to the source offsets it reflects.", "en"))
        let publisher = agent(&graph, Self.publisher, name: catalogue.department(Self.publisher)?.name)
        graph.add(catalog, "dct:publisher", publisher)
        let homepage = RDFTerm.iri("\(base)/v1/open/datasets")
        graph.add(catalog, "foaf:homepage", homepage)
        graph.type(homepage, "foaf:Document")
        graph.add(catalog, "dct:license", licence(&graph))
        if let modified = versions.map(\.metadata.modified).max() { graph.add(catalog, "dct:modified", Self.dateTime(modified)) }
        for version in versions {
            graph.add(catalog, "dcat:dataset", dataset(&graph, version))
        }
        return graph
    }

    /// One dataset's node (and its distributions, publisher, theme, frequency), added to `graph`.
    @discardableResult
    public func dataset(_ graph: inout RDFGraph, _ version: StoredVersion) -> RDFTerm {
        let metadata = version.metadata
        let id = metadata.identifier
        let node = RDFTerm.iri("\(base)/v1/open/datasets/\(id)")
        graph.type(node, "dcat:Dataset")
        graph.add(node, "dct:identifier", .text(id))
        graph.add(node, "dct:title", .text(metadata.title.zh, "zh"))
        graph.add(node, "dct:title", .text(metadata.title.en, "en"))
        graph.add(node, "dct:description", .text(metadata.description, "en"))
        graph.add(node, "dct:publisher", agent(&graph, metadata.publisher.id, name: metadata.publisher.name))
        graph.add(node, "dcat:version", .text(metadata.version))
        graph.add(node, "dct:issued", Self.dateTime(metadata.issued))
        graph.add(node, "dct:modified", Self.dateTime(metadata.modified))
        graph.add(node, "dcat:keyword", .text(metadata.themeLabel.zh, "zh"))
        graph.add(node, "dcat:keyword", .text(metadata.themeLabel.en, "en"))
        let (code, label) = Self.dataTheme(metadata.theme)
        let theme = RDFTerm.iri("http://publications.europa.eu/resource/authority/data-theme/\(code)")
        graph.add(node, "dcat:theme", theme)
        graph.type(theme, "skos:Concept")
        graph.add(theme, "skos:prefLabel", .text(label, "en"))
        if let frequency = Self.frequency(metadata.accrualPeriodicity) {
            let term = RDFTerm.iri("http://publications.europa.eu/resource/authority/frequency/\(frequency)")
            graph.add(node, "dct:accrualPeriodicity", term)
            graph.type(term, "dct:Frequency")
        }
        graph.add(node, "dct:source", .iri("\(base)/v1/catalog/themes/\(metadata.sourceTheme)"))
        graph.type(.iri("\(base)/v1/catalog/themes/\(metadata.sourceTheme)"), "dcat:Dataset")
        graph.add(.iri("\(base)/v1/catalog/themes/\(metadata.sourceTheme)"), "dct:title", .text(metadata.sourceTheme))
        graph.add(.iri("\(base)/v1/catalog/themes/\(metadata.sourceTheme)"), "dct:description",
                  .text("The catalogue theme \(metadata.sourceTheme) of \(metadata.sourceProvider), the source of the dataset (not itself open)", "en"))
        let folder = "\(base)/v1/open/datasets/\(id)/versions/\(version.number)"
        for file in metadata.distribution {
            let url = RDFTerm.iri("\(folder)/\(file.downloadURL)")
            let distribution = RDFTerm.iri("\(folder)/\(file.downloadURL)#distribution")
            graph.add(node, "dcat:distribution", distribution)
            graph.type(distribution, "dcat:Distribution")
            graph.add(distribution, "dct:title", .text(file.title))
            graph.add(distribution, "dcat:accessURL", url)
            graph.add(distribution, "dcat:downloadURL", url)
            graph.type(url, "rdfs:Resource")
            let media = RDFTerm.iri("http://www.iana.org/assignments/media-types/\(file.mediaType.prefix { $0 != ";" }.filter { $0 != " " })")
            graph.add(distribution, "dcat:mediaType", media)
            graph.type(media, "dct:MediaType")
            graph.add(distribution, "dcat:byteSize", .typed(String(file.byteSize), "xsd:nonNegativeInteger"))
            graph.add(distribution, "dct:license", licence(&graph))
            if file.checksum.hasPrefix("sha256:") {
                let checksum = RDFTerm.blank("sha256-\(id)-\(version.number)-\(file.title.replacingOccurrences(of: ".", with: "-"))")
                graph.add(distribution, "spdx:checksum", checksum)
                graph.type(checksum, "spdx:Checksum")
                graph.add(checksum, "spdx:algorithm", .iri("spdx:checksumAlgorithm_sha256"))
                graph.type(.iri("spdx:checksumAlgorithm_sha256"), "spdx:ChecksumAlgorithm")
                graph.add(checksum, "spdx:checksumValue", .typed(String(file.checksum.dropFirst(7)), "xsd:hexBinary"))
            }
        }
        return node
    }

    /// The licence every dataset is opened under (CC BY 4.0), as a `dct:LicenseDocument`.
    private func licence(_ graph: inout RDFGraph) -> RDFTerm {
        let licence = RDFTerm.iri("http://creativecommons.org/licenses/by/4.0/")
        graph.type(licence, "dct:LicenseDocument")
        return licence
    }

    /// A department as a `foaf:Agent` with its names.
    private func agent(_ graph: inout RDFGraph, _ id: String, name: LocalizedName?) -> RDFTerm {
        let node = RDFTerm.iri("\(base)/v1/catalog/departments/\(id)")
        graph.type(node, "foaf:Agent")
        graph.add(node, "foaf:name", .text(name?.zh ?? id, "zh"))
        graph.add(node, "foaf:name", .text(name?.en ?? id, "en"))
        return node
    }

    /// An RFC 3339 time as `xsd:dateTime` (offsets kept; a bare date as `xsd:date`).
    static func dateTime(_ text: String) -> RDFTerm {
        text.count == 10 ? .typed(text, "xsd:date") : .typed(text, "xsd:dateTime")
    }

    /// The EU data theme (publications.europa.eu authority table) of an open-data domain: its
    /// code and English label. The domain itself is the dataset's keyword.
    static func dataTheme(_ domain: String) -> (code: String, label: String) {
        switch domain {
        case "economic-development", "enterprise-services", "credit", "finance-tax": ("ECON", "Economy and finance")
        case "urban-construction": ("REGI", "Regions and cities")
        case "road-transport": ("TRAN", "Transport")
        case "education-science": ("EDUC", "Education, culture and sport")
        case "health": ("HEAL", "Health")
        case "resources-environment": ("ENVI", "Environment")
        case "institutions": ("GOVE", "Government and public sector")
        case "public-safety": ("JUST", "Justice, legal system and public safety")
        default: ("SOCI", "Population and society")  // livelihood services, population, social security
        }
    }

    /// The EU frequency (authority table) of a theme's declared update frequency.
    static func frequency(_ update: String) -> String? {
        switch update {
        case "realtime": "UPDATE_CONT"
        case "daily": "DAILY"
        case "weekly": "WEEKLY"
        case "monthly": "MONTHLY"
        case "quarterly": "QUARTERLY"
        case "yearly": "ANNUAL"
        default: nil
        }
    }
}
