import Yams

/// `departments.yaml`: districts, departments and the arbitration body, read with diagnostics.
struct DepartmentsFile {
    /// The file name inside the catalogue directory.
    static let name = "departments.yaml"

    private(set) var districts: [District] = []
    private(set) var departments: [Department] = []
    private(set) var arbitration: ArbitrationBody?
    /// The functions whose grants may declare a notice delay (`notice-delay-functions`).
    private(set) var noticeDelayFunctions: [String] = []
    /// Every department id that was readable, even when the rest of its entry was not,
    /// so that themes naming it do not get a second, misleading diagnostic.
    private(set) var departmentIDs: [String] = []
    /// Every function some readable department holds, in first-seen order.
    private(set) var heldFunctions: [String] = []

    private var districtIDs: [String] = []

    /// Reads the file's root node.
    init(_ root: Node, report: inout FileReport) {
        let keys = ["districts", "departments", "arbitration", "notice-delay-functions"]
        guard let top = YAMLMapping(root, what: "departments.yaml", allowed: keys, report: &report) else { return }
        if let node = top.required("districts", in: "departments.yaml", report: &report) {
            readDistricts(node, report: &report)
        }
        if let node = top.required("departments", in: "departments.yaml", report: &report) {
            readDepartments(node, report: &report)
        }
        if let node = top.required("arbitration", in: "departments.yaml", report: &report) {
            arbitration = readArbitration(node, report: &report)
        }
        if let node = top["notice-delay-functions"] {
            for item in YAMLValue.list(node, what: "notice-delay-functions", report: &report) ?? [] {
                guard let function = YAMLValue.id(item, what: "a notice-delay function", report: &report) else { continue }
                guard heldFunctions.contains(function) else {
                    report.problem(item, "notice-delay function '\(function)' is held by no department; list functions of departments.yaml")
                    continue
                }
                noticeDelayFunctions.append(function)
            }
        }
    }

    private mutating func readDistricts(_ node: Node, report: inout FileReport) {
        var firstLines: [String: Int] = [:]
        for item in YAMLValue.list(node, what: "districts", report: &report) ?? [] {
            guard let entry = YAMLMapping(item, what: "a district", allowed: ["id", "name"], report: &report) else {
                continue
            }
            let idNode = entry.required("id", in: "a district", report: &report)
            let id = idNode.flatMap { YAMLValue.id($0, what: "district id", report: &report) }
            let name = entry.required("name", in: "a district", report: &report).flatMap {
                YAMLValue.localizedName($0, what: "district name", report: &report)
            }
            guard let id, let idNode else { continue }
            if let first = firstLines[id] {
                report.problem(idNode, "district id '\(id)' is already declared on line \(first); give each district its own id")
                continue
            }
            firstLines[id] = idNode.line
            districtIDs.append(id)
            if let name { districts.append(District(id: id, name: name)) }
        }
    }

    private mutating func readDepartments(_ node: Node, report: inout FileReport) {
        var firstLines: [String: Int] = [:]
        let keys = ["id", "name", "kind", "district", "functions"]
        for item in YAMLValue.list(node, what: "departments", report: &report) ?? [] {
            guard let entry = YAMLMapping(item, what: "a department", allowed: keys, report: &report) else {
                continue
            }
            let idNode = entry.required("id", in: "a department", report: &report)
            let id = idNode.flatMap { YAMLValue.id($0, what: "department id", report: &report) }
            if let id, let idNode {
                if let first = firstLines[id] {
                    report.problem(idNode, "department id '\(id)' is already declared on line \(first); give each department its own id")
                    continue
                }
                firstLines[id] = idNode.line
                departmentIDs.append(id)
            }
            let name = entry.required("name", in: "a department", report: &report).flatMap {
                YAMLValue.localizedName($0, what: "department name", report: &report)
            }
            var kind: DepartmentKind? = .government
            if let kindNode = entry["kind"] {
                kind = YAMLValue.vocabulary(kindNode, DepartmentKind.self, what: "department kind", report: &report)
            }
            var district: String?
            var districtOK = true
            if let districtNode = entry["district"] {
                district = readDistrictReference(districtNode, report: &report)
                districtOK = district != nil
            }
            let functions = entry.required("functions", in: "a department", report: &report).flatMap {
                readFunctions($0, report: &report)
            }
            for function in functions ?? [] where !heldFunctions.contains(function) {
                heldFunctions.append(function)
            }
            guard let id, let name, let kind, districtOK, let functions else { continue }
            departments.append(Department(id: id, name: name, kind: kind, district: district, functions: functions))
        }
    }

    private func readDistrictReference(_ node: Node, report: inout FileReport) -> String? {
        guard let id = YAMLValue.id(node, what: "district", report: &report) else { return nil }
        guard districtIDs.contains(id) else {
            let hint = Suggestion.hint(for: id, among: districtIDs, otherwise: "; use the id of one of the districts above")
            report.problem(node, "district '\(id)' is not a known district\(hint)")
            return nil
        }
        return id
    }

    private func readFunctions(_ node: Node, report: inout FileReport) -> [String]? {
        guard let items = YAMLValue.list(node, what: "functions", report: &report) else { return nil }
        var functions: [String] = []
        var valid = true
        for item in items {
            guard let function = YAMLValue.id(item, what: "function", report: &report) else {
                valid = false
                continue
            }
            if functions.contains(function) {
                report.problem(item, "function '\(function)' is listed twice; remove the repeat")
                continue
            }
            functions.append(function)
        }
        return valid ? functions : nil
    }

    private func readArbitration(_ node: Node, report: inout FileReport) -> ArbitrationBody? {
        let what = "arbitration"
        guard let entry = YAMLMapping(node, what: what, allowed: ["id", "name", "members"], report: &report) else {
            return nil
        }
        let id = entry.required("id", in: what, report: &report).flatMap {
            YAMLValue.id($0, what: "arbitration id", report: &report)
        }
        let name = entry.required("name", in: what, report: &report).flatMap {
            YAMLValue.localizedName($0, what: "arbitration name", report: &report)
        }
        guard let membersNode = entry.required("members", in: what, report: &report),
              let items = YAMLValue.list(membersNode, what: "arbitration members", report: &report) else {
            return nil
        }
        if items.isEmpty {
            report.problem(membersNode, "arbitration has no members; list the member departments' ids")
        }
        var members: [String] = []
        for item in items {
            guard let member = YAMLValue.id(item, what: "arbitration member", report: &report) else { continue }
            guard departmentIDs.contains(member) else {
                let hint = Suggestion.hint(for: member, among: departmentIDs,
                                           otherwise: "; use the id of a department in departments.yaml")
                report.problem(item, "arbitration member '\(member)' is not a known department\(hint)")
                continue
            }
            if members.contains(member) {
                report.problem(item, "arbitration member '\(member)' is listed twice; remove the repeat")
                continue
            }
            members.append(member)
        }
        guard let id, let name, !items.isEmpty else { return nil }
        return ArbitrationBody(id: id, name: name, members: members)
    }
}
