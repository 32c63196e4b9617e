import Yams

/// One `licences/<id>.yaml`: a licence type, read with diagnostics (format: topics/README.md).
struct LicenceTypeFile {
    static let keys = ["id", "title", "code", "issuers", "holder", "visibility", "validity", "fields"]
    /// Field names every licence carries outside `fields` (they may not be redeclared).
    static let reserved: Set<String> = ["holder", "holder_name", "holder_kind", "licence_no", "issuer", "issued_on", "valid_until"]

    /// The type, when the file has no problem.
    private(set) var type: LicenceType?

    init(_ root: Node, fileID: String, context: ThemeContext, report: inout FileReport) {
        let before = report.diagnostics.count
        let what = "the licence type"
        guard let top = YAMLMapping(root, what: what, allowed: Self.keys, report: &report) else { return }
        let id = top.required("id", in: what, report: &report).flatMap { node -> String? in
            guard let id = YAMLValue.id(node, what: "licence type id", report: &report) else { return nil }
            if id != fileID {
                report.problem(node, "licence type id '\(id)' does not match the file name '\(fileID).yaml'; rename the file to '\(id).yaml' or set `id: \(fileID)`")
            }
            return id
        }
        let title = top.required("title", in: what, report: &report).flatMap { YAMLValue.localizedName($0, what: "title", report: &report) }
        let code = top.required("code", in: what, report: &report).flatMap { node -> String? in
            guard let code = YAMLValue.text(node, what: "code", report: &report) else { return nil }
            guard (2...6).contains(code.utf8.count), code.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
                report.problem(node, "code '\(code.prefix(20))' must be 2 to 6 capital letters A-Z (it opens every licence number of the type, e.g. CJRZ)")
                return nil
            }
            return code
        }
        let issuers = top.required("issuers", in: what, report: &report).flatMap { Self.readIssuers($0, context: context, report: &report) }
        let holder = top.required("holder", in: what, report: &report).flatMap {
            YAMLValue.vocabulary($0, LicenceType.Holder.self, what: "holder", report: &report)
        }
        let visibility = top.required("visibility", in: what, report: &report).flatMap {
            YAMLValue.vocabulary($0, LicenceType.Visibility.self, what: "visibility", report: &report)
        }
        let validity = top.required("validity", in: what, report: &report).flatMap { Self.readValidity($0, report: &report) }
        let fields = top["fields"].flatMap { node -> FieldList? in
            guard let list = FieldList(node, report: &report) else { return nil }
            for item in node.sequence.map(Array.init) ?? [] {
                if let name = item["name"]?.string, Self.reserved.contains(name) {
                    report.problem(item, "field '\(name)' is part of every licence already; remove it from fields")
                }
            }
            return list
        }
        guard report.diagnostics.count == before, let id, let title, let code, let issuers, let holder, let visibility,
              let validity else { return }
        type = LicenceType(id: id, title: title, code: code, issuers: issuers, holder: holder, visibility: visibility,
                           validityYears: validity.years, fields: fields?.fields ?? [])
    }

    private static func readIssuers(_ node: Node, context: ThemeContext, report: inout FileReport) -> [String]? {
        guard let items = YAMLValue.list(node, what: "issuers", report: &report) else { return nil }
        if items.isEmpty {
            report.problem(node, "issuers is empty; name the department(s) entitled to issue this licence")
            return nil
        }
        var issuers: [String] = []
        for item in items {
            guard let id = YAMLValue.id(item, what: "issuer", report: &report) else { continue }
            if context.checksReferences, !context.departmentIDs.contains(id) {
                let hint = Suggestion.hint(for: id, among: context.departmentIDs, otherwise: "; use the id of a department in departments.yaml")
                report.problem(item, "issuer '\(id)' is not a known department\(hint)")
                continue
            }
            issuers.append(id)
        }
        return issuers
    }

    private struct Validity { let years: Int? }

    /// `none`, or `N years` with N from 1 to 100.
    private static func readValidity(_ node: Node, report: inout FileReport) -> Validity? {
        guard let text = YAMLValue.text(node, what: "validity", report: &report) else { return nil }
        if text == "none" { return Validity(years: nil) }
        let parts = text.split(separator: " ")
        if parts.count == 2, parts[1] == "years" || parts[1] == "year", let years = Int(parts[0]), (1...100).contains(years) {
            return Validity(years: years)
        }
        report.problem(node, "validity is '\(text.prefix(40))'; write `none` (valid until revoked) or `N years` with N from 1 to 100")
        return nil
    }
}
