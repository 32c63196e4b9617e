import Foundation
import ShuniuModel
import Yams

/// The negative list (负面清单): themes and fields that never open, loaded from
/// `opendata/negative-list.yaml` and checked against the catalogue.
public struct NegativeList: Sendable, Hashable {
    /// A field that never leaves: in one theme, or in every theme when `theme` is nil.
    public struct FieldEntry: Sendable, Hashable {
        /// The field name.
        public var field: String
        /// The theme, or nil for every theme.
        public var theme: String?
        /// Why it never opens.
        public var reason: String
    }

    /// Theme id → why it never opens.
    public var themes: [String: String]
    /// The fields that never open.
    public var fields: [FieldEntry]

    /// A list (an empty one by default).
    public init(themes: [String: String] = [:], fields: [FieldEntry] = []) {
        self.themes = themes
        self.fields = fields
    }

    /// The reason a theme never opens, nil when it may.
    public func reason(theme: String) -> String? { themes[theme] }

    /// The reason a field of a theme never opens, nil when it may.
    public func reason(field: String, theme: String) -> String? {
        fields.first { $0.field == field && ($0.theme == nil || $0.theme == theme) }?.reason
    }

    /// Loads and checks a negative list file against the catalogue.
    ///
    /// - Throws: ``CatalogueError`` with one diagnostic per problem (`file:line: problem; fix`).
    public static func load(file: URL, catalogue: Catalogue) throws(CatalogueError) -> NegativeList {
        let name = file.lastPathComponent
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw CatalogueError(diagnostics: [CatalogueDiagnostic(file: name, line: 1, message: "cannot read the negative list (\(error.localizedDescription)); create it or pass --negative-list FILE")])
        }
        return try parse(text, file: name, catalogue: catalogue)
    }

    /// Parses and checks negative-list YAML; `file` names it in diagnostics.
    public static func parse(_ text: String, file: String, catalogue: Catalogue) throws(CatalogueError) -> NegativeList {
        var reader = NegativeListReader(file: file, catalogue: catalogue)
        let list = reader.read(text)
        guard reader.diagnostics.isEmpty else { throw CatalogueError(diagnostics: reader.diagnostics.sorted { $0.line < $1.line }) }
        return list
    }
}

/// Reads the YAML, collecting every problem.
private struct NegativeListReader {
    let file: String
    let catalogue: Catalogue
    var diagnostics: [CatalogueDiagnostic] = []

    init(file: String, catalogue: Catalogue) {
        self.file = file
        self.catalogue = catalogue
    }

    mutating func problem(_ node: Node?, _ message: String) {
        diagnostics.append(CatalogueDiagnostic(file: file, line: node?.mark?.line ?? 1, message: message))
    }

    mutating func read(_ text: String) -> NegativeList {
        var list = NegativeList()
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            problem(nil, "not valid YAML (\(error)); fix the syntax")
            return list
        }
        guard let root, let top = mapping(root, what: "the negative list", allowed: ["themes", "fields"]) else { return list }
        for item in sequence(top["themes"], what: "themes") {
            guard let entry = mapping(item, what: "a theme entry", allowed: ["theme", "reason"]) else { continue }
            guard let theme = value(entry["theme"], item, key: "theme"), let reason = value(entry["reason"], item, key: "reason") else { continue }
            guard catalogue.theme(theme) != nil else {
                problem(entry["theme"], "theme '\(theme)' is not in the catalogue; use a file name of topics/themes without .yaml")
                continue
            }
            list.themes[theme] = reason
        }
        for item in sequence(top["fields"], what: "fields") {
            guard let entry = mapping(item, what: "a field entry", allowed: ["field", "theme", "reason"]) else { continue }
            guard let field = value(entry["field"], item, key: "field"), let reason = value(entry["reason"], item, key: "reason") else { continue }
            var theme: String?
            if entry["theme"] != nil {
                guard let id = value(entry["theme"], item, key: "theme") else { continue }
                guard let known = catalogue.theme(id) else {
                    problem(entry["theme"], "theme '\(id)' is not in the catalogue; use a file name of topics/themes without .yaml")
                    continue
                }
                guard known.field(field) != nil else {
                    problem(entry["field"], "theme '\(id)' has no field '\(field)'; its fields are \(known.fields.map(\.name).joined(separator: ", "))")
                    continue
                }
                theme = id
            } else if !catalogue.themes.contains(where: { $0.field(field) != nil }) {
                problem(entry["field"], "no theme of the catalogue has a field '\(field)'; check the spelling or add `theme:`")
                continue
            }
            list.fields.append(NegativeList.FieldEntry(field: field, theme: theme, reason: reason))
        }
        return list
    }

    private mutating func mapping(_ node: Node, what: String, allowed: [String]) -> [String: Node]? {
        guard let mapping = node.mapping else {
            problem(node, "\(what) must be a mapping of keys to values; write it as `key: value` lines")
            return nil
        }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            guard allowed.contains(name) else {
                problem(key, "unknown key '\(name)' in \(what); allowed keys are \(allowed.joined(separator: ", "))")
                continue
            }
            result[name] = value
        }
        return result
    }

    private mutating func sequence(_ node: Node?, what: String) -> [Node] {
        guard let node, node.null == nil else { return [] }
        guard let items = node.sequence else {
            problem(node, "\(what) must be a list; write one `- ...` entry per line")
            return []
        }
        return Array(items)
    }

    private mutating func value(_ node: Node?, _ entry: Node, key: String) -> String? {
        guard let node else {
            problem(entry, "the entry has no '\(key)'; add `\(key): ...`")
            return nil
        }
        guard let value = node.scalar?.string, !value.isEmpty else {
            problem(node, "'\(key)' must be a single non-empty value")
            return nil
        }
        return value
    }
}
