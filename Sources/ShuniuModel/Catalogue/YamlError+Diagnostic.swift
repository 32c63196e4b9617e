import Yams

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

    /// One line saying what is wrong and how to fix it, without the echoed YAML.
    var diagnosticMessage: String {
        switch self {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _),
             let .composer(context, problem, _, _):
            "invalid YAML: \([context?.text, problem].compactMap { $0 }.joined(separator: " ")); fix the syntax"
        case let .duplicatedKeysInMapping(duplicates, _):
            "key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) appears more than once in one mapping; keep only one"
        default:
            "invalid YAML: \(self); fix the syntax"
        }
    }
}
