import Yams

/// What a theme file is checked against: the departments file read before it.
struct ThemeContext {
    /// Every readable department id.
    let departmentIDs: [String]
    /// Every function some department holds.
    let heldFunctions: [String]
    /// False when departments.yaml itself could not be read: references are then not checked,
    /// so one missing file does not turn into a diagnostic per theme.
    let checksReferences: Bool
}

/// One `themes/<id>.yaml`, read with diagnostics.
struct ThemeFile {
    static let keys = ["id", "title", "description", "class", "subject", "provider", "share", "open",
                       "update", "partitions", "functions", "fields", "headers"]

    /// The theme id as declared and its line, when readable (for the duplicate check).
    private(set) var declaredID: (id: String, line: Int)?
    /// The theme, when the file has no problem.
    private(set) var theme: Theme?

    /// Reads the root node of a theme file whose name (without `.yaml`) is `fileID`.
    init(_ root: Node, fileID: String, context: ThemeContext, report: inout FileReport) {
        let before = report.diagnostics.count
        guard let top = YAMLMapping(root, what: "the theme", allowed: Self.keys, report: &report) else { return }
        let what = "the theme"
        let id = top.required("id", in: what, report: &report).flatMap { node -> String? in
            guard let id = YAMLValue.id(node, what: "theme id", report: &report) else { return nil }
            declaredID = (id, node.line)
            if id != fileID {
                report.problem(node, "theme id '\(id)' does not match the file name '\(fileID).yaml'; rename the file to '\(id).yaml' or set `id: \(fileID)`")
            }
            return id
        }
        let title = top.required("title", in: what, report: &report).flatMap {
            YAMLValue.localizedName($0, what: "title", report: &report)
        }
        let description = top["description"].flatMap { YAMLValue.text($0, what: "description", report: &report) }
        let themeClass = top.required("class", in: what, report: &report).flatMap {
            YAMLValue.vocabulary($0, ThemeClass.self, what: "class", report: &report)
        }
        let provider = top.required("provider", in: what, report: &report).flatMap {
            Self.readProvider($0, context: context, report: &report)
        }
        let share = top.required("share", in: what, report: &report).flatMap {
            Self.readShare($0, report: &report)
        }
        let open = top.required("open", in: what, report: &report).flatMap {
            YAMLValue.vocabulary($0, OpenType.self, what: "open", report: &report)
        }
        let update = top.required("update", in: what, report: &report).flatMap {
            YAMLValue.vocabulary($0, UpdateFrequency.self, what: "update", report: &report)
        }
        let partitions = top.required("partitions", in: what, report: &report).flatMap {
            Self.readPartitions($0, report: &report)
        }
        let functions = Self.readEntitledFunctions(top, share: share, context: context, report: &report)
        let fields = top.required("fields", in: what, report: &report).flatMap {
            FieldList($0, report: &report)
        }
        let subject = top.required("subject", in: what, report: &report).flatMap {
            Self.readSubject($0, fields: fields, report: &report)
        }
        let headers = top["headers"].flatMap { Self.readHeaders($0, report: &report) } ?? []
        guard report.diagnostics.count == before, let id, let title, let themeClass, let subject, let provider,
              let share, let open, let update, let partitions, let functions, let fields else { return }
        theme = Theme(id: id, title: title, description: description, themeClass: themeClass, subject: subject,
                      provider: provider, share: share, open: open, update: update, partitions: partitions,
                      functions: functions, fields: fields.fields, headers: headers)
    }

    /// `headers:`: a list of extension header names that pass to subscribers.
    private static func readHeaders(_ node: Node, report: inout FileReport) -> [String]? {
        guard let items = YAMLValue.list(node, what: "headers", report: &report) else { return nil }
        var names: [String] = []
        for item in items {
            guard let name = YAMLValue.text(item, what: "header name", report: &report) else { return nil }
            if EnvelopeHeaderName.all.contains(name) || name.hasPrefix("shuniu_") {
                report.problem(item, "header '\(name)' is a CloudEvents or hub header and always handled by the hub; list only extension headers")
                return nil
            }
            names.append(name)
        }
        return names
    }

    private static func readProvider(_ node: Node, context: ThemeContext, report: inout FileReport) -> String? {
        if let items = node.sequence {
            report.problem(node, "provider names \(items.count) departments but a theme has exactly one authoritative provider (one data, one source); keep the one department that holds the data")
            return nil
        }
        guard let provider = YAMLValue.id(node, what: "provider", report: &report) else { return nil }
        guard !context.checksReferences || context.departmentIDs.contains(provider) else {
            let hint = Suggestion.hint(for: provider, among: context.departmentIDs,
                                       otherwise: "; use the id of a department in departments.yaml")
            report.problem(node, "provider '\(provider)' is not a known department\(hint)")
            return nil
        }
        return provider
    }

    private static func readShare(_ node: Node, report: inout FileReport) -> SharePolicy? {
        guard let share = YAMLMapping(node, what: "share", allowed: ["type", "condition"], report: &report) else {
            return nil
        }
        guard let type = share.required("type", in: "share", report: &report).flatMap({
            YAMLValue.vocabulary($0, ShareType.self, what: "share.type", report: &report)
        }) else { return nil }
        let condition = share["condition"].flatMap { YAMLValue.text($0, what: "share.condition", report: &report) }
        if type == .conditional, share["condition"] == nil {
            report.problem(node, "a conditional share needs a condition; add `condition: ...` saying in words when it is granted")
            return nil
        }
        return SharePolicy(type: type, condition: condition)
    }

    private static func readPartitions(_ node: Node, report: inout FileReport) -> Int? {
        guard let partitions = YAMLValue.int(node, what: "partitions", report: &report) else { return nil }
        guard (1...64).contains(partitions) else {
            report.problem(node, "partitions is \(partitions) but must be between 1 and 64; pick a count in that range")
            return nil
        }
        return partitions
    }

    private static func readEntitledFunctions(_ top: YAMLMapping, share: SharePolicy?, context: ThemeContext,
                                              report: inout FileReport) -> [String]? {
        guard let node = top["functions"] else {
            if share?.type == ShareType.none { return [] }
            report.problem(top.node, "the theme has no 'functions'; list the legal functions entitled to it (or `functions: []`)")
            return nil
        }
        guard let items = YAMLValue.list(node, what: "functions", report: &report) else { return nil }
        if share?.type == ShareType.none, !items.isEmpty {
            report.problem(node, "the theme is not shared (share.type none) but lists functions; remove them or change share.type")
            return nil
        }
        var functions: [String] = []
        var valid = true
        for item in items {
            guard let function = YAMLValue.id(item, what: "function", report: &report) else {
                valid = false
                continue
            }
            guard !context.checksReferences || context.heldFunctions.contains(function) else {
                let hint = Suggestion.hint(for: function, among: context.heldFunctions,
                                           otherwise: "; add it to a department's functions or remove it")
                report.problem(item, "function '\(function)' is held by no department\(hint)")
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

    private static func readSubject(_ node: Node, fields: FieldList?, report: inout FileReport) -> SubjectSpec? {
        guard let subject = YAMLMapping(node, what: "subject", allowed: ["kind", "key"], report: &report) else {
            return nil
        }
        let kind = subject.required("kind", in: "subject", report: &report).flatMap {
            YAMLValue.vocabulary($0, SubjectKind.self, what: "subject.kind", report: &report)
        }
        guard let keyNode = subject.required("key", in: "subject", report: &report),
              let key = YAMLValue.fieldName(keyNode, report: &report), let kind else { return nil }
        guard let fields, !fields.unreadable.contains(key) else { return SubjectSpec(kind: kind, key: key) }
        guard let field = fields.fields.first(where: { $0.name == key }) else {
            let hint = Suggestion.hint(for: key, among: fields.fields.map(\.name),
                                       otherwise: "; add a field named '\(key)' or name an existing field")
            report.problem(keyNode, "subject.key '\(key)' is not one of the theme's fields\(hint)")
            return nil
        }
        var valid = true
        if !field.required {
            report.problem(keyNode, "subject.key '\(key)' names a field that is not required; add `required: true` to field '\(key)'")
            valid = false
        }
        let expected: FieldType? = switch kind {
        case .person: .citizenID
        case .legalEntity: .creditCode
        case .other: nil
        }
        if let expected, field.type != expected {
            report.problem(keyNode, "subject.kind \(kind.rawValue) is keyed by a \(expected.rawValue) but field '\(key)' is \(field.type.rawValue); make it `type: \(expected.rawValue)` or change subject.kind")
            valid = false
        }
        return valid ? SubjectSpec(kind: kind, key: key) : nil
    }
}
