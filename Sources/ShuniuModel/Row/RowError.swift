/// Why bytes are not a flat theme row.
public struct RowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable reason.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The kebab-case code.
        public let rawValue: String

        /// Wraps a code.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// Not valid JSON (or not valid UTF-8).
        public static let invalidJSON = Code(rawValue: "invalid-json")
        /// Valid JSON whose top level is not an object.
        public static let notAnObject = Code(rawValue: "not-an-object")
        /// A member's value is an object or an array; theme rows are flat.
        public static let nestedValue = Code(rawValue: "nested-value")
        /// A member name appears twice.
        public static let duplicateKey = Code(rawValue: "duplicate-key")
        /// The object has more than ``Row/maximumMembers`` members.
        public static let tooManyMembers = Code(rawValue: "too-many-members")

        /// The code itself.
        public var description: String { rawValue }
    }

    /// The reason.
    public let code: Code
    /// What is wrong and where.
    public let message: String
    /// The byte offset of the problem in the input.
    public let offset: Int
    /// The member the problem is in, when known.
    public let field: String?

    /// Creates an error.
    public init(code: Code, message: String, offset: Int, field: String? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
        self.field = field
    }

    /// `code at byte N: message`.
    public var description: String { "\(code) at byte \(offset): \(message)" }
}
