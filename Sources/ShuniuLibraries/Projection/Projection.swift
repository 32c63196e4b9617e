import ShuniuModel

/// Turns source records into library changes: the pure part of the projector.
///
/// A record is projected only when it passes the same validation as in the router (envelope,
/// the theme's fields and types, the authoritative provider) and sits on its own theme's
/// topic; anything else is refused with the router's rejection code (the router sends it to
/// `dlq.<theme>`; the projector counts it and moves on).
public struct Projection: Sendable {
    /// The catalogue.
    public let catalogue: Catalogue
    private let validator: EventValidator
    private let libraries: [String: LibraryKind]

    /// A projection over `catalogue`.
    public init(catalogue: Catalogue) {
        self.catalogue = catalogue
        validator = EventValidator(catalogue: catalogue)
        var libraries: [String: LibraryKind] = [:]
        for theme in catalogue.themes { libraries[theme.id] = LibraryKind.of(theme) }
        self.libraries = libraries
    }

    /// The source topics the libraries are projected from.
    public var sourceTopics: [String] {
        catalogue.themes.filter { libraries[$0.id] != nil }.map { Topics.source($0.id) }
    }

    /// The change a source record makes, or the reason it is refused.
    public func change(key: [UInt8]?, headers: [EnvelopeHeader], value: [UInt8], topic: String,
                       partition: Int32, offset: Int64) -> Result<SliceChange, EventRejection> {
        let validated: ValidatedEvent
        do {
            validated = try validator.validate(key: key, headers: headers, value: value)
        } catch {
            return .failure(error)
        }
        let event = validated.event
        guard topic == Topics.source(event.theme), let library = libraries[event.theme] else {
            return .failure(EventRejection(code: RejectionCode(rawValue: "wrong-topic"),
                                           message: "a \(event.theme) event on \(topic) is not projected; publish it to src.\(event.theme)"))
        }
        var aliases: [String] = []
        if let field = LibraryKind.aliasFields[event.theme], let code = validated.row?[field]?.stringValue, !code.isEmpty {
            aliases.append(code)
        }
        let lineage = Lineage(department: event.source, eventID: event.id, sequence: event.sequence,
                              eventTime: event.time, source: "\(topic)/\(partition)/\(offset)")
        return .success(SliceChange(library: library, subject: event.subject, theme: event.theme, sequence: event.sequence,
                                    row: event.action == .deleted ? nil : value, lineage: lineage, aliases: aliases))
    }
}
