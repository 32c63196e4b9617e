import ShuniuModel

/// Text views of the catalogue, as Qingdao's catalogue lists them: per theme (provider, share
/// and open type, update frequency), per department (what it provides and what its functions
/// entitle it to) and per class.
struct CatalogueView {
    let catalogue: Catalogue

    func printByTheme() {
        let rows = catalogue.themes.map { theme in
            [theme.id, theme.title.zh, theme.themeClass.rawValue, theme.provider, theme.share.type.rawValue,
             theme.open.rawValue, theme.update.rawValue, String(theme.fields.count)]
        }
        Table(header: ["theme", "title", "class", "provider", "share", "open", "update", "fields"], rows: rows).print()
    }

    func printByDepartment() {
        for department in catalogue.departments {
            let provides = catalogue.themes(providedBy: department.id).map(\.id)
            let entitled = catalogue.themes.filter { theme in department.functions.contains(where: theme.entitles) }.map(\.id)
            let district = department.district.map { ", district \($0)" } ?? ""
            Console.say("\(department.id) — \(department.name.zh) / \(department.name.en) (\(department.kind.rawValue)\(district))")
            Console.say("  functions: \(department.functions.joined(separator: ", "))")
            Console.say("  provides:  \(provides.isEmpty ? "-" : provides.joined(separator: ", "))")
            Console.say("  may apply for: \(entitled.isEmpty ? "-" : entitled.joined(separator: ", "))")
        }
        let arbitration = catalogue.arbitration
        Console.say("arbitration: \(arbitration.id) — \(arbitration.name.zh): \(arbitration.members.joined(separator: ", "))")
    }

    func printByClass() {
        for themeClass in ThemeClass.allCases {
            let themes = catalogue.themes.filter { $0.themeClass == themeClass }
            guard !themes.isEmpty else { continue }
            Console.say("\(themeClass.rawValue) (\(themes.count))")
            for theme in themes {
                Console.say("  \(theme.id) — \(theme.title.zh) / \(theme.title.en); provider \(theme.provider); \(theme.share.type.rawValue)")
            }
        }
    }

    func printTheme(_ theme: Theme) {
        Console.say("\(theme.id) — \(theme.title.zh) / \(theme.title.en)")
        if let description = theme.description { Console.say("  \(description)") }
        Console.say("  class \(theme.themeClass.rawValue); subject \(theme.subject.kind.rawValue) keyed by \(theme.subject.key)")
        Console.say("  provider \(theme.provider) (one data, one source); update \(theme.update.rawValue); \(theme.partitions) partition(s)")
        Console.say("  share \(theme.share.type.rawValue)\(theme.share.condition.map { ": \($0)" } ?? ""); open \(theme.open.rawValue)")
        Console.say("  entitled functions: \(theme.functions.isEmpty ? "-" : theme.functions.joined(separator: ", "))")
        let rows = theme.fields.map { field in
            [field.name, field.type.rawValue, field.required ? "yes" : "", field.sensitivity.rawValue,
             field.values?.joined(separator: "|") ?? ""]
        }
        Table(header: ["field", "type", "required", "sensitivity", "values"], rows: rows).print()
    }
}

/// A plain text table with columns padded to their widest cell (CJK counted double).
struct Table {
    let header: [String]
    let rows: [[String]]

    func print() {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { Self.width($0[column]) }.max() ?? 0 }
        for (index, row) in all.enumerated() {
            Console.say(row.indices.map { row[$0] + String(repeating: " ", count: widths[$0] - Self.width(row[$0])) }
                .joined(separator: "  ").trimmingTrailingSpaces())
            if index == 0 { Console.say(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
    }

    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.properties.isIdeographic || (0x3000...0xFFEF).contains($1.value) ? 2 : 1) }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
