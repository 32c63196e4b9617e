/// A flat theme row: the JSON object of a change event, as an ordered list of named scalars.
///
/// Parsing and serialising are hand-written byte loops (no Foundation) because every routed
/// event goes through them. Serialising is deterministic: the row's order, compact, minimal escaping.
public struct Row: Sendable, Hashable {
    /// One member of the row.
    public struct Field: Sendable, Hashable {
        /// The member name.
        public var name: String
        /// Its value.
        public var value: JSONScalar

        /// Creates a member.
        public init(name: String, value: JSONScalar) {
            self.name = name
            self.value = value
        }
    }

    /// The members, in order; names are unique.
    public private(set) var fields: [Field]

    /// A row from members in order. A repeated name keeps its first position and its last value.
    public init(_ fields: [Field] = []) {
        self.fields = []
        self.fields.reserveCapacity(fields.count)
        for field in fields {
            self[field.name] = field.value
        }
    }

    /// Whether the row has no members.
    /// A row of fields whose names the caller knows to be distinct (no duplicate check: for
    /// hot paths that build rows from names that are unique by construction).
    public init(distinctFields fields: [Field]) {
        self.fields = fields
    }

    public var isEmpty: Bool { fields.isEmpty }

    /// The number of members.
    public var count: Int { fields.count }

    /// The member names, in order.
    public var names: [String] { fields.map(\.name) }

    /// The value of a member: nil when absent. Setting nil removes it; setting a new name appends it.
    public subscript(name: String) -> JSONScalar? {
        get {
            for field in fields where field.name == name {
                return field.value
            }
            return nil
        }
        set {
            let position = fields.firstIndex { $0.name == name }
            switch (position, newValue) {
            case let (position?, value?): fields[position].value = value
            case let (position?, nil): fields.remove(at: position)
            case let (nil, value?): fields.append(Field(name: name, value: value))
            case (nil, nil): break
            }
        }
    }

    /// The row restricted to the named members, in the row's order.
    public func projected(onto fieldNames: Set<String>) -> Row {
        var row = Row()
        row.fields = fields.filter { fieldNames.contains($0.name) }
        return row
    }

    /// The row restricted to the named members, in the row's order.
    public func projected(onto fieldNames: some Sequence<String>) -> Row {
        projected(onto: Set(fieldNames))
    }

    /// Reserves room for members (the parser's first guess).
    mutating func reserveCapacity(_ count: Int) {
        fields.reserveCapacity(count)
    }

    /// Appends a member known not to be present (the parser checks duplicates itself).
    mutating func appendUnchecked(_ field: Field) {
        fields.append(field)
    }
}

extension Row: ExpressibleByDictionaryLiteral {
    /// A row from a literal, in the literal's order.
    public init(dictionaryLiteral elements: (String, JSONScalar)...) {
        self.init(elements.map { Field(name: $0.0, value: $0.1) })
    }
}

extension Row: CustomStringConvertible {
    /// The compact JSON text.
    public var description: String { String(decoding: serialized(), as: UTF8.self) }
}
