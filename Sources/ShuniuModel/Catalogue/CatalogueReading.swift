import Foundation
import Yams

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
        let licenceTypes = readLicenceTypes(directory.appendingPathComponent("licences"), context: context)
        diagnostics.sort { ($0.file, $0.line) < ($1.file, $1.line) }
        if diagnostics.isEmpty, let departments, let arbitration = departments.arbitration {
            catalogue = Catalogue(districts: departments.districts, departments: departments.departments,
                                  themes: themes, arbitration: arbitration, licenceTypes: licenceTypes,
                                  noticeDelayFunctions: departments.noticeDelayFunctions)
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
        var read: [(fileID: String, file: ThemeFile, report: FileReport)] = []
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
            let fileID = String(name.dropLast(5))
            read.append((fileID, ThemeFile(root, fileID: fileID, context: context, report: &report), report))
        }
        // A theme id belongs to the file named after it (else to the first file declaring it);
        // every other file declaring it is a second source for the same data.
        var owners: [String: (file: String, line: Int)] = [:]
        for entry in read where entry.file.declaredID?.id == entry.fileID {
            owners[entry.fileID] = (entry.report.file, entry.file.declaredID!.line)
        }
        var themes: [Theme] = []
        for var entry in read {
            if let (id, line) = entry.file.declaredID {
                if let owner = owners[id], owner.file != entry.report.file {
                    entry.report.problem(line: line, "theme id '\(id)' is already declared in \(owner.file) line \(owner.line); one data, one source: keep a single theme with this id")
                } else {
                    owners[id] = (entry.report.file, line)
                    if let theme = entry.file.theme { themes.append(theme) }
                }
            }
            diagnostics += entry.report.diagnostics
        }
        return themes
    }

    /// `licences/<id>.yaml`, one licence type each; the folder is optional.
    private mutating func readLicenceTypes(_ folder: URL, context: ThemeContext) -> [LicenceType] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var types: [LicenceType] = []
        var codes: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".yaml") && !name.hasPrefix(".") {
            var report = FileReport(file: "licences/\(name)")
            guard let root = Self.compose(folder.appendingPathComponent(name), report: &report) else {
                diagnostics += report.diagnostics
                continue
            }
            let file = LicenceTypeFile(root, fileID: String(name.dropLast(5)), context: context, report: &report)
            if let type = file.type {
                if let other = codes[type.code] {
                    report.problem(root["code"] ?? root, "code \(type.code) is already the code of \(other); give each licence type its own code")
                } else {
                    codes[type.code] = type.id
                    types.append(type)
                }
            }
            diagnostics += report.diagnostics
        }
        return types
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
            report.problem(line: error.line, error.diagnosticMessage)
            return nil
        } catch {
            report.problem("invalid YAML: \(error); fix the syntax")
            return nil
        }
    }
}
