/// How a granted field is masked before it leaves the hub.
///
/// Text forms (as given to `--mask field=RULE` and stored on `ctl.grants`):
/// - `partial` keeps the first 6 and last 4 characters of the value (ID numbers), `partial:F:L`
///   keeps the first F and last L; the rest become `*`;
/// - `pseudonym` replaces the value by a keyed HMAC-SHA-256 pseudonym (hex) under the receiving
///   department's pseudonym key (`PseudonymKeys`): stable within a department, so it can join
///   its own records without learning the value, and different between departments;
/// - `year` keeps only the year of a date;
/// - `drop` removes the field.
public struct MaskRule: Sendable, Hashable, CustomStringConvertible {
    /// The kind of masking.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case partial, pseudonym, year, drop
    }

    /// The kind of masking.
    public var kind: Kind
    /// Characters kept at the start (`partial`).
    public var keepFirst: Int
    /// Characters kept at the end (`partial`).
    public var keepLast: Int

    /// Parses a rule's text form; the error lists the valid forms.
    public init(parsing text: String) throws(GrantRefusal) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let kind = Kind(rawValue: parts[0]) else {
            throw GrantRefusal(.badMask, "unknown mask rule '\(text)'; use partial, partial:FIRST:LAST, pseudonym, year or drop")
        }
        self.kind = kind
        keepFirst = 6
        keepLast = 4
        if kind == .partial && parts.count == 3, let first = Int(parts[1]), let last = Int(parts[2]),
           (0...Self.maximumKept).contains(first), (0...Self.maximumKept).contains(last) {
            keepFirst = first
            keepLast = last
        } else if parts.count != 1 {
            throw GrantRefusal(.badMask, "mask rule '\(text)' is malformed; use partial, partial:FIRST:LAST "
                               + "(each 0 to \(Self.maximumKept)), pseudonym, year or drop")
        }
    }

    /// The most characters `partial:F:L` may keep at either end.
    public static let maximumKept = 64

    public var description: String {
        kind == .partial && (keepFirst, keepLast) != (6, 4) ? "partial:\(keepFirst):\(keepLast)" : kind.rawValue
    }

    /// The masked value, or `nil` when the field is to be dropped. `key` is the receiving
    /// department's pseudonym key (`PseudonymKeys.key(for:)`).
    public func apply(to value: JSONScalar, key: [UInt8]) -> JSONScalar? {
        if value == .null { return kind == .drop ? nil : .null }
        let text: String
        switch value {
        case .string(let string): text = string
        case .number(let number): text = number
        case .bool(let bool): text = bool ? "true" : "false"
        case .null: text = ""
        }
        switch kind {
        case .drop:
            return nil
        case .pseudonym:
            return .string(PseudonymKeys.pseudonym(text, key: key))
        case .year:
            return .string(String(text.prefix(4)))
        case .partial:
            let characters = Array(text)
            guard characters.count > keepFirst + keepLast else {
                return .string(String(repeating: "*", count: characters.count))
            }
            let hidden = characters.count - keepFirst - keepLast
            return .string(String(characters.prefix(keepFirst)) + String(repeating: "*", count: hidden)
                           + String(characters.suffix(keepLast)))
        }
    }
}
