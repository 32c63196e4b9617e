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
        guard let kind = Kind(rawValue: parts.first ?? "") else {
            throw GrantRefusal(.badMask, "unknown mask rule '\(text)'; use partial, partial:FIRST:LAST, pseudonym, year or drop")
        }
        self.kind = kind
        keepFirst = 6
        keepLast = 4
        if kind == .partial && parts.count == 3, let first = Int(parts[1]), let last = Int(parts[2]) {
            guard (0...Self.maximumKept).contains(first), (0...Self.maximumKept).contains(last) else {
                throw GrantRefusal(.badMask, "mask rule '\(text)' is out of range: FIRST and LAST of partial:FIRST:LAST "
                                   + "must each be 0...\(Self.maximumKept)")
            }
            keepFirst = first
            keepLast = last
        } else if parts.count != 1 {
            throw GrantRefusal(.badMask, "mask rule '\(text)' is malformed; use partial, partial:FIRST:LAST "
                               + "(each 0 to \(Self.maximumKept)), pseudonym, year or drop")
        }
    }

    /// The most characters `partial:F:L` may keep at either end: F and L are each in
    /// `0...maximumKept`, anything else is refused with `bad-mask` (docs/bounds.md).
    public static let maximumKept = 64

    /// `count` limited to `0...maximumKept`.
    static func clampedKept(_ count: Int) -> Int { min(max(count, 0), maximumKept) }

    public var description: String {
        kind == .partial && (keepFirst, keepLast) != (6, 4) ? "partial:\(keepFirst):\(keepLast)" : kind.rawValue
    }

    /// `text` under the default `partial` rule (first 6 and last 4 characters kept): how an
    /// identifier is shown where its holder is named but need not be read (lists, page headers).
    public static func partialText(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 10 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(6)) + String(repeating: "*", count: characters.count - 10) + String(characters.suffix(4))
    }

    /// The masked value, or `nil` when the field is to be dropped. `key` is the receiving
    /// department's pseudonym key (`PseudonymKeys.key(for:)`).
    public func apply(to value: JSONScalar, key: HMACKey) -> JSONScalar? {
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
            // Overflow-safe whatever the stored numbers (a table built from an older log, a
            // rule made in code): each end is clamped to 0...maximumKept before any arithmetic.
            let characters = Array(text)
            let first = Self.clampedKept(keepFirst)
            let last = Self.clampedKept(keepLast)
            guard characters.count > first + last else {
                return .string(String(repeating: "*", count: characters.count))
            }
            let hidden = characters.count - first - last
            return .string(String(characters.prefix(first)) + String(repeating: "*", count: hidden)
                           + String(characters.suffix(last)))
        }
    }
}
