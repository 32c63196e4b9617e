import Hummingbird
import ShuniuModel

/// `GET /v1/catalog?by=theme|department|class` and `GET /v1/catalog/themes/{id}`: the shared
/// resource catalogue in the views of `shuniu catalog show`. Public: the catalogue is
/// published to every department (no key needed).
struct CatalogRoutes: RouteGroup {
    let catalogue: Catalogue

    struct ThemeEntry: Encodable {
        var id: String, title: LocalizedName, themeClass: String, provider: String, share: String, open: String
        var update: String, fields: Int
        enum CodingKeys: String, CodingKey { case id, title, themeClass = "class", provider, share, open, update, fields }
    }

    struct DepartmentEntry: Encodable {
        var id: String, name: LocalizedName, kind: String, district: String?, functions: [String]
        var provides: [String], mayApplyFor: [String]
    }

    struct ClassEntry: Encodable {
        var themeClass: String, themes: [ThemeEntry]
        enum CodingKeys: String, CodingKey { case themeClass = "class", themes }
    }

    func register(on router: Router<APIContext>) {
        router.get("/v1/catalog") { request, _ in
            let view = request.uri.queryParameters["by"].map(String.init) ?? "theme"
            switch view {
            case "theme":
                return try JSONResponse.make(["themes": catalogue.themes.map(Self.entry)])
            case "department":
                let departments = catalogue.departments.map { department in
                    DepartmentEntry(id: department.id, name: department.name, kind: department.kind.rawValue,
                                    district: department.district, functions: department.functions,
                                    provides: catalogue.themes(providedBy: department.id).map(\.id),
                                    mayApplyFor: catalogue.themes.filter { department.functions.contains(where: $0.entitles) }.map(\.id))
                }
                return try JSONResponse.make(["departments": departments])
            case "class":
                let classes = ThemeClass.allCases.compactMap { themeClass -> ClassEntry? in
                    let themes = catalogue.themes.filter { $0.themeClass == themeClass }
                    return themes.isEmpty ? nil : ClassEntry(themeClass: themeClass.rawValue, themes: themes.map(Self.entry))
                }
                return try JSONResponse.make(["classes": classes])
            default:
                throw APIError(.badRequest, "bad-view", "by=\(view.prefix(40)) is not a view; use by=theme, by=department or by=class")
            }
        }
        router.get("/v1/catalog/themes/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let theme = catalogue.theme(id) else {
                throw APIError(.notFound, "unknown-theme", "no theme \(id.prefix(60)) in the catalogue; GET /v1/catalog lists them")
            }
            return try JSONResponse.make(theme)
        }
    }

    static func entry(_ theme: Theme) -> ThemeEntry {
        ThemeEntry(id: theme.id, title: theme.title, themeClass: theme.themeClass.rawValue, provider: theme.provider,
                   share: theme.share.type.rawValue, open: theme.open.rawValue, update: theme.update.rawValue,
                   fields: theme.fields.count)
    }
}
