import ShuniuModel

/// One dataset of the open-data catalogue: where its rows come from and what is published.
public struct OpenDataset: Sendable, Hashable, Identifiable {
    /// What a dataset publishes.
    public enum Content: Sendable, Hashable {
        /// Record-level rows of an `open` theme: these fields only, in this order.
        case records(fields: [String])
        /// A count table of the theme's current rows: rows by `rows`, columns by `column`.
        case counts(rows: [Dimension], column: Dimension)
    }

    /// Kebab-case id; the dataset's directory under the output folder.
    public let id: String
    /// `{zh, en}` title.
    public let title: LocalizedName
    /// One or two sentences for the portal.
    public let description: String
    /// The open-data domain (``OpenDomain``) id.
    public let domain: String
    /// The catalogue theme whose current state fills the dataset.
    public let theme: String
    /// Record-level fields or a count table.
    public let content: Content
    /// Only rows whose field has one of these values are taken (field → allowed values).
    public let only: [String: [String]]

    /// A dataset definition.
    public init(id: String, title: LocalizedName, description: String, domain: String, theme: String,
                content: Content, only: [String: [String]] = [:]) {
        self.id = id
        self.title = title
        self.description = description
        self.domain = domain
        self.theme = theme
        self.content = content
        self.only = only
    }

    /// Whether a row passes the dataset's `only` filter.
    public func admits(_ row: Row) -> Bool {
        only.allSatisfy { field, values in row[field]?.stringValue.map(values.contains) ?? false }
    }

    /// Every field the dataset reads (published fields, dimensions and filters).
    public var fieldsRead: [String] {
        var fields: [String]
        switch content {
        case .records(let published): fields = published
        case .counts(let rows, let column): fields = (rows + [column]).map(\.field)
        }
        return fields + only.keys.sorted()
    }
}
