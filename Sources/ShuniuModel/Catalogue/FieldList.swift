import Yams

/// The `fields:` list of a theme file, read with diagnostics.
struct FieldList {
    static let keys = ["name", "type", "required", "sensitivity", "values", "description"]

    /// The fields read without problems, in declaration order.
    private(set) var fields: [FieldSpec] = []
    /// Names of fields that had problems, so other checks do not report them again.
    private(set) var unreadable: Set<String> = []

    /// Reads the list; nil (after reporting) when it is not a list.
    init?(_ node: Node, report: inout FileReport) {
        guard let items = YAMLValue.list(node, what: "fields", report: &report) else { return nil }
        if items.isEmpty {
            report.problem(node, "fields is empty; declare at least the subject's key field")
        }
        var firstLines: [String: Int] = [:]
        for item in items {
            guard let entry = YAMLMapping(item, what: "a field", allowed: Self.keys, report: &report) else { continue }
            let nameNode = entry.required("name", in: "a field", report: &report)
            guard let nameNode, let name = YAMLValue.fieldName(nameNode, report: &report) else {
                _ = Self.read(entry, name: "field", report: &report)
                continue
            }
            if let first = firstLines[name] {
                report.problem(nameNode, "field '\(name)' is already declared on line \(first); give each field its own name")
                continue
            }
            firstLines[name] = nameNode.line
            if let field = Self.read(entry, name: name, report: &report) {
                fields.append(field)
            } else {
                unreadable.insert(name)
            }
        }
    }

    private static func read(_ entry: YAMLMapping, name: String, report: inout FileReport) -> FieldSpec? {
        let what = "field '\(name)'"
        let type = entry.required("type", in: what, report: &report).flatMap {
            YAMLValue.vocabulary($0, FieldType.self, what: "type of \(what)", report: &report)
        }
        var required: Bool? = false
        if let node = entry["required"] {
            required = YAMLValue.bool(node, what: "required of \(what)", report: &report)
        }
        let sensitivity = entry.required("sensitivity", in: what, report: &report).flatMap {
            YAMLValue.vocabulary($0, Sensitivity.self, what: "sensitivity of \(what)", report: &report)
        }
        let description = entry["description"].flatMap {
            YAMLValue.text($0, what: "description of \(what)", report: &report)
        }
        guard let type else { return nil }
        let values = readValues(entry, type: type, what: what, report: &report)
        guard let required, let sensitivity, let values else { return nil }
        return FieldSpec(name: name, type: type, required: required, sensitivity: sensitivity,
                         values: type == .enum ? values : nil, description: description)
    }

    /// The enum values; `[]` stands for "no values" on a non-enum field. Nil after a problem.
    private static func readValues(_ entry: YAMLMapping, type: FieldType, what: String,
                                   report: inout FileReport) -> [String]? {
        guard type == .enum else {
            if let node = entry["values"] {
                report.problem(node, "\(what) is of type \(type.rawValue) and cannot have values; remove `values` or make it `type: enum`")
                return nil
            }
            return []
        }
        guard let node = entry["values"] else {
            report.problem(entry.node, "\(what) is an enum without values; add `values: [a, b, ...]`")
            return nil
        }
        guard let items = YAMLValue.list(node, what: "values of \(what)", report: &report) else { return nil }
        if items.isEmpty {
            report.problem(node, "\(what) is an enum with an empty values list; list its allowed values")
            return nil
        }
        var values: [String] = []
        var valid = true
        for item in items {
            guard let value = YAMLValue.text(item, what: "a value of \(what)", report: &report) else {
                valid = false
                continue
            }
            if values.contains(value) {
                report.problem(item, "value '\(value)' of \(what) is listed twice; remove the repeat")
                continue
            }
            values.append(value)
        }
        return valid ? values : nil
    }
}
