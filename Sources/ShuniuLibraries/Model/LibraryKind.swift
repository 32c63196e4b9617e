import ShuniuModel

/// A library the hub projects from the authoritative themes.
public enum LibraryKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The base person library, keyed by citizen ID (GB 11643): the base-person themes.
    case person
    /// The base legal-entity library, keyed by unified social credit code (GB 32100): the
    /// base-legal themes.
    case entity

    /// The catalogue class whose themes this library merges.
    public var themeClass: ThemeClass {
        switch self {
        case .person: .basePerson
        case .entity: .baseLegal
        }
    }

    /// The themes of `catalogue` this library merges, in catalogue order.
    public func themes(in catalogue: Catalogue) -> [Theme] {
        catalogue.themes.filter { $0.themeClass == themeClass }
    }
}
