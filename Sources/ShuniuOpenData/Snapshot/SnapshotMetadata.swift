import ShuniuModel

/// `metadata.json` of a version: DCAT-AP style (dcat:Dataset with its dcat:Distributions).
/// Every value derives from the data and the event times, never from the clock.
public struct SnapshotMetadata: Sendable, Hashable, Codable {
    /// A file of the version (dcat:Distribution).
    public struct Distribution: Sendable, Hashable, Codable {
        /// The file name (`data.csv`, `data.json`).
        public var title: String
        /// The file's path relative to the version directory (dcat:downloadURL).
        public var downloadURL: String
        /// IANA media type (dcat:mediaType).
        public var mediaType: String
        /// Size in bytes (dcat:byteSize).
        public var byteSize: Int
        /// `sha256:<hex>` (spdx:checksum).
        public var checksum: String

        enum CodingKeys: String, CodingKey {
            case title, downloadURL = "download_url", mediaType = "media_type", byteSize = "byte_size", checksum
        }
    }

    /// The publishing body (dct:publisher).
    public struct Publisher: Sendable, Hashable, Codable {
        /// Department id.
        public var id: String
        /// Its name.
        public var name: LocalizedName
    }

    /// The disclosure control applied.
    public struct DisclosureControl: Sendable, Hashable, Codable {
        /// `records` or `counts`.
        public var kind: String
        /// The threshold n.
        public var minCell: Int
        /// Cells hidden (counts only).
        public var suppressedCells: Int

        enum CodingKeys: String, CodingKey { case kind, minCell = "min_cell", suppressedCells = "suppressed_cells" }
    }

    /// `dcat:Dataset`.
    public var type = "dcat:Dataset"
    /// The dataset id (dct:identifier).
    public var identifier: String
    /// `v<N>` (dcat:version / owl:versionInfo).
    public var version: String
    /// The version before this one, if any.
    public var previousVersion: String?
    /// dct:title.
    public var title: LocalizedName
    /// dct:description.
    public var description: String
    /// The open-data domain id (dcat:theme).
    public var theme: String
    /// The domain's name.
    public var themeLabel: LocalizedName
    /// dct:publisher.
    public var publisher: Publisher
    /// The department whose theme the data comes from (dct:source).
    public var sourceProvider: String
    /// The catalogue theme.
    public var sourceTheme: String
    /// dct:license.
    public var license: String
    /// dct:issued: the `modified` of version 1.
    public var issued: String
    /// dct:modified: the latest event time reflected.
    public var modified: String
    /// dct:accrualPeriodicity: the theme's declared update frequency.
    public var accrualPeriodicity: String
    /// Data rows (record rows, or table rows without the totals line).
    public var rowCount: Int
    /// The source offsets reflected.
    public var sourceOffsets: [SourcePosition]
    /// The disclosure control applied.
    public var disclosureControl: DisclosureControl
    /// dcat:distribution.
    public var distribution: [Distribution]

    enum CodingKeys: String, CodingKey {
        case type = "@type", identifier, version, previousVersion = "previous_version", title, description, theme
        case themeLabel = "theme_label", publisher, sourceProvider = "source_provider", sourceTheme = "source_theme"
        case license, issued, modified, accrualPeriodicity = "accrual_periodicity", rowCount = "row_count"
        case sourceOffsets = "source_offsets", disclosureControl = "disclosure_control", distribution
    }

    /// The licence every dataset is opened under.
    public static let license = "CC-BY-4.0"
}
