/// Why the gate refused to publish a dataset: a stable code and a sentence that names what
/// to change. Messages name cells and fields, never the values they protect.
public struct DisclosureRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable reason.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        /// The kebab-case code.
        public let rawValue: String

        /// Wraps a code.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A count below the threshold that cannot be hidden (a total, or any cell when
        /// suppression is off).
        public static let smallCell = Code(rawValue: "small-cell")
        /// A hidden cell stays exactly recoverable from the row and column totals.
        public static let recoverableCell = Code(rawValue: "recoverable-cell")
        /// Subtracting this release from the previous one exposes a hidden cell or a change of
        /// fewer than n subjects.
        public static let differencing = Code(rawValue: "differencing")
        /// The theme or a field is on the negative list.
        public static let negativeList = Code(rawValue: "negative-list")
        /// A field or value identifies a person (a citizen ID, a citizen-id field).
        public static let identifyingField = Code(rawValue: "identifying-field")
        /// A field holds a natural person's name (``DefinitionGate``).
        public static let personName = Code(rawValue: "person-name")
        /// A field is not `public` in the catalogue.
        public static let nonPublicField = Code(rawValue: "non-public-field")
        /// Record-level rows of a theme about persons (they open only as aggregates).
        public static let personRecords = Code(rawValue: "person-records")
        /// The theme is not `open` in the catalogue (record-level datasets need `open`).
        public static let notOpen = Code(rawValue: "not-open")
        /// The dataset names a theme or field the catalogue does not have.
        public static let unknownField = Code(rawValue: "unknown-field")

        /// The raw code.
        public var description: String { rawValue }
    }

    /// The reason.
    public var code: Code
    /// What is wrong and how to fix it.
    public var message: String

    /// A refusal.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
