/// Why a string is not a valid citizen ID number or unified social credit code.
public struct IdentifierError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable reason.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The kebab-case code.
        public let rawValue: String

        /// Wraps a code.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The identifier does not have 18 characters.
        public static let wrongLength = Code(rawValue: "wrong-length")
        /// A character is outside the identifier's alphabet or position rules.
        public static let badCharacter = Code(rawValue: "bad-character")
        /// The citizen ID's birth date (characters 7-14) is not a valid date.
        public static let badBirthDate = Code(rawValue: "bad-birth-date")
        /// The embedded organisation code's check character (character 17 of a credit code) is wrong.
        public static let badOrganisationCode = Code(rawValue: "bad-organisation-code")
        /// The final check character is wrong.
        public static let badCheckCharacter = Code(rawValue: "bad-check-character")

        /// The code itself.
        public var description: String { rawValue }
    }

    /// The reason.
    public let code: Code
    /// What is wrong, naming the position and the expected character where there is one.
    public let message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
