import ShuniuModel

/// Turns the text of a CSV cell or a SQLite column into the row value its field's type wants.
///
/// Numbers become JSON numbers, `true`/`false` (and `1`/`0`) become booleans for boolean
/// fields, everything else stays a string. Text that does not fit the type is kept as a
/// string, so that ``EventValidator`` rejects it with its usual code (`wrong-type`) and message.
enum FieldText {
    /// The value of `text` for a field of `type`.
    static func scalar(_ text: String, type: FieldType) -> JSONScalar {
        switch type {
        case .integer:
            return Int64(text).map { .number(String($0)) } ?? .string(text)
        case .decimal:
            return isJSONNumber(text) ? .number(text) : .string(text)
        case .boolean:
            switch text.lowercased() {
            case "true", "1": return .bool(true)
            case "false", "0": return .bool(false)
            default: return .string(text)
            }
        default:
            return .string(text)
        }
    }

    /// Whether `text` follows JSON's number grammar, checked by the one row parser so that
    /// what is emitted as a number is exactly what the validator and every consumer accept.
    static func isJSONNumber(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count < 64 else { return false }
        let probe = Array(#"{"n":"#.utf8) + Array(text.utf8) + [UInt8(ascii: "}")]
        guard let row = try? Row.parse(bytes: probe) else { return false }
        return row["n"]?.numberText != nil
    }
}
