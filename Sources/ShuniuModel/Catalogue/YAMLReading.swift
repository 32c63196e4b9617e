import Yams

/// A YAML mapping whose keys were checked against the keys its schema allows.
struct YAMLMapping {
    /// The mapping node itself.
    let node: Node
    private let entries: [(key: String, value: Node)]

    /// Reads `node` as a mapping describing `what` (e.g. "a field"), reporting unknown keys
    /// and keys that are not plain strings. Returns nil (after reporting) when it is no mapping.
    init?(_ node: Node, what: String, allowed: [String], report: inout FileReport) {
        guard let mapping = node.mapping else {
            report.problem(node, "\(what) must be a mapping of keys to values; write it as `key: value` lines")
            return nil
        }
        self.node = node
        var entries: [(key: String, value: Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                report.problem(keyNode, "a key in \(what) must be a plain word; use one of \(allowed.joined(separator: ", "))")
                continue
            }
            guard allowed.contains(key) else {
                let hint = Suggestion.hint(for: key, among: allowed, otherwise: "")
                report.problem(keyNode, "unknown key '\(key)' in \(what); allowed keys are \(allowed.joined(separator: ", "))\(hint)")
                continue
            }
            entries.append((key, value))
        }
        self.entries = entries
    }

    /// The value of a key, nil when absent or null.
    subscript(key: String) -> Node? {
        guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// The value of a key that must be present, reporting its absence.
    func required(_ key: String, in what: String, report: inout FileReport) -> Node? {
        guard let value = self[key] else {
            report.problem(node, "\(what) has no '\(key)'; add `\(key): ...`")
            return nil
        }
        return value
    }
}

/// Readers for the scalar shapes of the catalogue, each reporting what is wrong.
enum YAMLValue {
    /// The text of a scalar; reports other node kinds.
    static func text(_ node: Node, what: String, report: inout FileReport) -> String? {
        guard let scalar = node.scalar else {
            report.problem(node, "\(what) must be a single value, not a list or mapping; write it on one line")
            return nil
        }
        guard !node.isNull, !scalar.string.isEmpty else {
            report.problem(node, "\(what) is empty; give it a value")
            return nil
        }
        return scalar.string
    }

    /// A kebab-case id `[a-z][a-z0-9-]*`.
    static func id(_ node: Node, what: String, report: inout FileReport) -> String? {
        guard let text = text(node, what: what, report: &report) else { return nil }
        guard isKebabID(text) else {
            report.problem(node, "\(what) '\(text)' is not a kebab-case id; use lowercase letters, digits and '-', starting with a letter")
            return nil
        }
        return text
    }

    /// A snake-case field name `[a-z][a-z0-9_]*`.
    static func fieldName(_ node: Node, report: inout FileReport) -> String? {
        guard let text = text(node, what: "field name", report: &report) else { return nil }
        guard isSnakeName(text) else {
            report.problem(node, "field name '\(text)' is not snake_case; use lowercase letters, digits and '_', starting with a letter")
            return nil
        }
        return text
    }

    /// A value of a closed vocabulary, listing the allowed values (and a close match) when wrong.
    static func vocabulary<Value: RawRepresentable & CaseIterable>(
        _ node: Node, _ type: Value.Type, what: String, report: inout FileReport
    ) -> Value? where Value.RawValue == String {
        guard let text = text(node, what: what, report: &report) else { return nil }
        if let value = Value(rawValue: text) { return value }
        let allowed = Value.allCases.map(\.rawValue)
        let hint = Suggestion.hint(for: text, among: allowed, otherwise: "")
        report.problem(node, "\(what) is '\(text)', which is not known; use one of \(allowed.joined(separator: ", "))\(hint)")
        return nil
    }

    /// `true` or `false`.
    static func bool(_ node: Node, what: String, report: inout FileReport) -> Bool? {
        guard let value = node.scalar.flatMap({ _ in node.bool }) else {
            report.problem(node, "\(what) is '\(node.scalar?.string ?? "a list or mapping")' but must be true or false")
            return nil
        }
        return value
    }

    /// An integer.
    static func int(_ node: Node, what: String, report: inout FileReport) -> Int? {
        guard let value = node.scalar.flatMap({ _ in node.int }) else {
            report.problem(node, "\(what) is '\(node.scalar?.string ?? "a list or mapping")' but must be a whole number")
            return nil
        }
        return value
    }

    /// The items of a sequence; reports other node kinds.
    static func list(_ node: Node, what: String, report: inout FileReport) -> [Node]? {
        guard let sequence = node.sequence else {
            report.problem(node, "\(what) must be a list; write `[a, b]` or one `- item` per line")
            return nil
        }
        return Array(sequence)
    }

    /// A `{zh, en}` name.
    static func localizedName(_ node: Node, what: String, report: inout FileReport) -> LocalizedName? {
        guard let mapping = YAMLMapping(node, what: what, allowed: ["zh", "en"], report: &report) else {
            return nil
        }
        let zh = mapping.required("zh", in: what, report: &report).flatMap {
            text($0, what: "\(what).zh", report: &report)
        }
        let en = mapping.required("en", in: what, report: &report).flatMap {
            text($0, what: "\(what).en", report: &report)
        }
        guard let zh, let en else { return nil }
        return LocalizedName(zh: zh, en: en)
    }

    /// Whether a string is a kebab-case id `[a-z][a-z0-9-]*`.
    static func isKebabID(_ text: String) -> Bool {
        matches(text.utf8, separator: UInt8(ascii: "-"))
    }

    /// Whether UTF-8 bytes are a kebab-case id `[a-z][a-z0-9-]*`.
    static func isKebabID(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        matches(bytes, separator: UInt8(ascii: "-"))
    }

    /// Whether a string is a snake-case name `[a-z][a-z0-9_]*`.
    static func isSnakeName(_ text: String) -> Bool {
        matches(text.utf8, separator: UInt8(ascii: "_"))
    }

    private static func matches(_ bytes: some Collection<UInt8>, separator: UInt8) -> Bool {
        guard let first = bytes.first, first &- UInt8(ascii: "a") < 26 else { return false }
        for byte in bytes where !(byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte == separator) {
            return false
        }
        return true
    }
}
