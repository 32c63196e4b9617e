/// One value of a flat theme row: a JSON scalar.
public enum JSONScalar: Sendable, Hashable {
    /// A JSON string, unescaped.
    case string(String)
    /// A JSON number, kept as its exact text (e.g. `12.50`) so decimals round-trip unchanged.
    /// The text must follow JSON's number grammar; rows from `Row.parse(bytes:)` always do.
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number's text, if this is a number.
    public var numberText: String? {
        if case .number(let text) = self { return text }
        return nil
    }

    /// The boolean, if this is one.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool { self == .null }

    /// The JSON type name, for messages: `string`, `number`, `boolean` or `null`.
    public var typeName: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }
}

extension JSONScalar: ExpressibleByStringLiteral {
    /// A string value.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONScalar: ExpressibleByIntegerLiteral {
    /// A number value.
    public init(integerLiteral value: Int64) { self = .number(String(value)) }
}

extension JSONScalar: ExpressibleByBooleanLiteral {
    /// A boolean value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONScalar: ExpressibleByNilLiteral {
    /// `null`.
    public init(nilLiteral: ()) { self = .null }
}
