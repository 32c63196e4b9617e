import ShuniuModel

/// Where a theme's part of a library record came from: the event that set it.
public struct Lineage: Sendable, Hashable, Codable {
    /// The providing department (`ce_source`).
    public var department: String
    /// The event's `ce_id`.
    public var eventID: String
    /// The event's `ce_sequence` (the theme row's version for this subject).
    public var sequence: Int64
    /// The event's `ce_time` (RFC 3339).
    public var eventTime: String
    /// Where the event sits: `src.<theme>/<partition>/<offset>`.
    public var source: String

    /// Names an event.
    public init(department: String, eventID: String, sequence: Int64, eventTime: String, source: String) {
        self.department = department
        self.eventID = eventID
        self.sequence = sequence
        self.eventTime = eventTime
        self.source = source
    }
}

/// One theme's part of a library record: the theme's full current row for the subject and
/// its lineage. Every field of the row carries the slice's lineage (a change event carries
/// the theme's full row, so all its fields come from the same event).
public struct ThemeSlice: Sendable, Hashable {
    /// The theme.
    public var theme: String
    /// The theme's current row for the subject.
    public var row: Row
    /// The event that set it.
    public var lineage: Lineage

    /// Creates a slice.
    public init(theme: String, row: Row, lineage: Lineage) {
        self.theme = theme
        self.row = row
        self.lineage = lineage
    }
}

/// A subject's record in a library: every theme slice the library holds for it, by theme id.
public struct LibraryRecord: Sendable, Hashable {
    /// The library.
    public var library: LibraryKind
    /// The subject: a citizen ID or a unified social credit code.
    public var subject: String
    /// The slices, sorted by theme id.
    public var slices: [ThemeSlice]

    /// Creates a record.
    public init(library: LibraryKind, subject: String, slices: [ThemeSlice]) {
        self.library = library
        self.subject = subject
        self.slices = slices.sorted { $0.theme < $1.theme }
    }

    /// The slice of `theme`, if the record has one.
    public func slice(_ theme: String) -> ThemeSlice? { slices.first { $0.theme == theme } }
}

/// Read access to the projected libraries: what the CLI queries and the HTTP API serve.
public protocol LibraryReader: Sendable {
    /// The record of `subject` in `library`, or nil when the library has no slice for it.
    func record(_ library: LibraryKind, subject: String) throws -> LibraryRecord?

    /// The unified social credit code an entity is known by: the code itself, or the
    /// credit code whose organisation-code or tax registration names `code` as its older
    /// organisation code or tax id. Nil when nothing matches.
    func resolveEntity(_ code: String) throws -> String?
}
