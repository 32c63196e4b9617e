import ShuniuModel

/// The values leak tracing compares: the text of a cell or a JSON scalar, trimmed, and which
/// of them are worth indexing.
public enum LeakValue {
    /// The fewest characters an ASCII value needs to be compared at all.
    public static let minimumLength = 4

    /// The text of a delivered or leaked scalar (`null` has none).
    public static func text(_ scalar: JSONScalar) -> String? {
        switch scalar {
        case .string(let text): text.trimmingWhitespace()
        case .number(let text): text
        case .bool(let value): value ? "true" : "false"
        case .null: nil
        }
    }

    /// The fewest characters of a value with non-ASCII characters (a Chinese name is 2 or 3).
    public static let minimumWideLength = 2

    /// Whether `text` can tell rows apart at all: 4 characters or more (2 or more when any is
    /// not ASCII: Chinese names), not a boolean or `null`, not a short number (a year, a
    /// count). Commonness across subjects is judged later, by `LeakTracer`, from the
    /// deliveries themselves.
    public static func isCandidate(_ text: String) -> Bool {
        let wide = text.utf8.contains { $0 >= 0x80 }
        guard text.count >= (wide ? minimumWideLength : minimumLength) else { return false }
        if text == "true" || text == "false" || text == "null" { return false }
        if text.utf8.count < 6 && text.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }) {
            return false
        }
        return true
    }

    /// Whether `text` has the form of a pseudonym (`PseudonymKeys`): 64 lowercase hex digits.
    public static func isPseudonym(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { $0 &- UInt8(ascii: "0") < 10 || $0 &- UInt8(ascii: "a") < 6 }
    }
}
