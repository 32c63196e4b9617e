import ShuniuModel

/// A library the hub projects from the authoritative themes.
public enum LibraryKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The base person library, keyed by citizen ID (GB 11643): the base-person themes.
    case person
    /// The legal-entity library, keyed by unified social credit code (GB 32100): every theme
    /// whose subject is a legal entity — the base-legal themes plus the registries of public
    /// institutions and social organisations, so every kind of legal person is in it.
    case entity

    /// The themes of `catalogue` this library merges, in catalogue order.
    public func themes(in catalogue: Catalogue) -> [Theme] {
        catalogue.themes.filter { Self.of($0) == self }
    }

    /// The library that merges `theme`, if any.
    public static func of(_ theme: Theme) -> LibraryKind? {
        if theme.themeClass == .basePerson && theme.subject.kind == .person { return .person }
        if theme.subject.kind == .legalEntity { return .entity }
        return nil
    }

    /// The fields of entity themes that name an older identifier of the entity (the
    /// organisation code before unified credit codes, the tax id): the index that lets
    /// `shuniu entity` and the API find an entity by either.
    public static let aliasFields: [String: String] = ["organisation-code": "organisation_code", "tax-registration": "tax_id"]
}
