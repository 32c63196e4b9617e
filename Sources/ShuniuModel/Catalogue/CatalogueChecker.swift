import Foundation
import Yams

/// Checks the catalogue files in a directory against the schema (`topics/`:
/// `departments.yaml` and `themes/<id>.yaml`) and reports every problem with its line.
public enum CatalogueChecker: Sendable {
    /// Every problem in the catalogue under `directory`, sorted by file and line; empty when it is valid.
    public static func check(directory: URL) -> [CatalogueDiagnostic] {
        CatalogueReading(directory: directory).diagnostics
    }
}

/// Loads the catalogue from `topics/`.
public enum CatalogueLoader: Sendable {
    /// The catalogue under `directory`.
    ///
    /// - Throws: ``CatalogueError`` carrying every diagnostic when the catalogue has any problem.
    public static func load(directory: URL) throws(CatalogueError) -> Catalogue {
        let reading = CatalogueReading(directory: directory)
        guard reading.diagnostics.isEmpty, let catalogue = reading.catalogue else {
            throw CatalogueError(diagnostics: reading.diagnostics)
        }
        return catalogue
    }
}

/// One pass over the catalogue files: the catalogue when valid, and every diagnostic.
struct CatalogueReading {
    private(set) var catalogue: Catalogue?
    private(set) var diagnostics: [CatalogueDiagnostic] = []

    init(directory: URL) {
        var departmentsReport = FileReport(file: DepartmentsFile.name)
        let departmentsRoot = Self.compose(directory.appendingPathComponent(DepartmentsFile.name),
                                           report: &departmentsReport)
        let departments = departmentsRoot.map { DepartmentsFile($0, report: &departmentsReport) }
        diagnostics += departmentsReport.diagnostics
        let context = ThemeContext(departmentIDs: departments?.departmentIDs ?? [],
                                   heldFunctions: departments?.heldFunctions ?? [],
                                   checksReferences: departments != nil)
        let themes = readThemes(directory.appendingPathComponent("themes"), context: context)
        diagnostics.sort { ($0.file, $0.line) < ($1.file, $1.line) }
        if diagnostics.isEmpty, let departments, let arbitration = departments.arbitration {
            catalogue = Catalogue(districts: departments.districts, departments: departments.departments,
                                  themes: themes, arbitration: arbitration)
        }
    }

    private mutating func readThemes(_ folder: URL, context: ThemeContext) -> [Theme] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            diagnostics.append(CatalogueDiagnostic(
                file: "themes", line: 1,
                message: "the themes directory is missing or unreadable; create themes/ with one <theme-id>.yaml per theme"))
            return []
        }
        var themes: [Theme] = []
        var declared: [String: (file: String, line: Int)] = [:]
        for name in names where !name.hasPrefix(".") {
            let file = "themes/\(name)"
            if name.hasSuffix(".yml") {
                diagnostics.append(CatalogueDiagnostic(
                    file: file, line: 1, message: "theme files end in .yaml; rename it to \(name.dropLast(4)).yaml"))
                continue
            }
            guard name.hasSuffix(".yaml") else { continue }
            var report = FileReport(file: file)
            guard let root = Self.compose(folder.appendingPathComponent(name), report: &report) else {
                diagnostics += report.diagnostics
                continue
            }
            let themeFile = ThemeFile(root, fileID: String(name.dropLast(5)), context: context, report: &report)
            if let (id, line) = themeFile.declaredID {
                if let first = declared[id] {
                    report.problem(line: line, "theme id '\(id)' is already declared in \(first.file) line \(first.line); one data, one source: keep a single theme with this id")
                } else {
                    declared[id] = (file, line)
                    if let theme = themeFile.theme { themes.append(theme) }
                }
            }
            diagnostics += report.diagnostics
        }
        return themes
    }

    /// The root node of a YAML file, or nil after reporting why there is none.
    private static func compose(_ url: URL, report: inout FileReport) -> Node? {
        guard FileManager.default.fileExists(atPath: url.path) else {
            report.problem("file not found; create \(report.file)")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path),
              let yaml = String(data: data, encoding: .utf8) else {
            report.problem("the file is unreadable or not UTF-8; save it as UTF-8 text")
            return nil
        }
        do {
            guard let root = try Yams.compose(yaml: yaml) else {
                report.problem("the file is empty; fill it in following the catalogue schema")
                return nil
            }
            return root
        } catch let error as YamlError {
            report.problem(line: error.line, "invalid YAML: \(error.summary); fix the syntax")
            return nil
        } catch {
            report.problem("invalid YAML: \(error); fix the syntax")
            return nil
        }
    }
}

extension YamlError {
    /// The 1-based line the error points at (1 when it names none).
    var line: Int {
        switch self {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            mark.line
        case let .duplicatedKeysInMapping(_, context):
            context.mark.line
        default:
            1
        }
    }

    /// A one-line summary without the echoed YAML.
    var summary: String {
        switch self {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _),
             let .composer(context, problem, _, _):
            [context?.text, problem].compactMap { $0 }.joined(separator: " ")
        case let .duplicatedKeysInMapping(duplicates, _):
            "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")); each key may appear once"
        default:
            "\(self)"
        }
    }
}
