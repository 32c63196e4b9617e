/// A stable, machine-readable reason for rejecting a change event (kebab-case).
///
/// A struct rather than an enum so new codes can be added without breaking anyone who
/// switches over them; the values are part of the `dlq.*` contract (see docs/events.md).
public struct RejectionCode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kebab-case code.
    public let rawValue: String

    /// Wraps a code.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The code itself.
    public var description: String { rawValue }

    /// A required CloudEvents header is absent or empty.
    public static let missingHeader = RejectionCode(rawValue: "missing-header")
    /// A CloudEvents header appears more than once.
    public static let duplicateHeader = RejectionCode(rawValue: "duplicate-header")
    /// A CloudEvents header's value is not UTF-8.
    public static let badHeader = RejectionCode(rawValue: "bad-header")
    /// `ce_specversion` is not `1.0`.
    public static let badSpecVersion = RejectionCode(rawValue: "bad-specversion")
    /// `ce_type` is not `<theme>.upserted` or `<theme>.deleted`.
    public static let badType = RejectionCode(rawValue: "bad-type")
    /// `ce_time` is not RFC 3339.
    public static let badTime = RejectionCode(rawValue: "bad-time")
    /// `ce_sequence` is not a non-negative decimal integer.
    public static let badSequence = RejectionCode(rawValue: "bad-sequence")
    /// `content-type` is not `application/json`.
    public static let badContentType = RejectionCode(rawValue: "bad-content-type")
    /// The Kafka key is absent or empty.
    public static let missingKey = RejectionCode(rawValue: "missing-key")
    /// The Kafka key differs from `ce_subject`, or `ce_subject` from the row's key field.
    public static let keyMismatch = RejectionCode(rawValue: "key-mismatch")
    /// A delete carries a value.
    public static let deleteWithValue = RejectionCode(rawValue: "delete-with-value")
    /// An upsert carries no value.
    public static let emptyUpsert = RejectionCode(rawValue: "empty-upsert")
    /// The theme of `ce_type` is not in the catalogue.
    public static let unknownTheme = RejectionCode(rawValue: "unknown-theme")
    /// `ce_source` is not a department of the catalogue.
    public static let unknownSource = RejectionCode(rawValue: "unknown-source")
    /// `ce_source` is not the theme's authoritative provider (one data, one source).
    public static let notAuthoritative = RejectionCode(rawValue: "not-authoritative")
    /// The value is not valid JSON (or not UTF-8).
    public static let invalidJSON = RejectionCode(rawValue: "invalid-json")
    /// The value is JSON but not an object.
    public static let notAnObject = RejectionCode(rawValue: "not-an-object")
    /// A field holds an object or array; theme rows are flat.
    public static let nestedValue = RejectionCode(rawValue: "nested-value")
    /// A field appears twice in the value.
    public static let duplicateKey = RejectionCode(rawValue: "duplicate-key")
    /// A required field is absent or null.
    public static let missingField = RejectionCode(rawValue: "missing-field")
    /// A field is not declared by the theme.
    public static let unknownField = RejectionCode(rawValue: "unknown-field")
    /// A field's JSON type does not match its declared type.
    public static let wrongType = RejectionCode(rawValue: "wrong-type")
    /// An enum field's value is not one of its values.
    public static let badEnum = RejectionCode(rawValue: "bad-enum")
    /// A citizen-id field (or subject) is not a valid GB 11643 number.
    public static let badCitizenID = RejectionCode(rawValue: "bad-citizen-id")
    /// A credit-code field (or subject) is not a valid GB 32100 code.
    public static let badCreditCode = RejectionCode(rawValue: "bad-credit-code")

    /// One of the envelope's headers (or the key) is longer than the hub takes.
    public static let headerTooLong = RejectionCode(rawValue: "header-too-long")
    /// The value has more members than a row may have (`Row.maximumMembers`).
    public static let tooManyMembers = RejectionCode(rawValue: "too-many-members")
    /// The record, or what the router would write for it, is over the router's record size
    /// limit (`RouterConfig.maximumRecordBytes`). Given by the router, not by the validator
    /// (like `wrong-topic`), so it is not in ``all``.
    public static let tooLarge = RejectionCode(rawValue: "too-large")

    /// Every code the validator gives, in documentation order.
    public static let all: [RejectionCode] = [
        missingHeader, duplicateHeader, badHeader, badSpecVersion, badType, badTime, badSequence,
        badContentType, missingKey, keyMismatch, deleteWithValue, emptyUpsert, unknownTheme, unknownSource,
        notAuthoritative, invalidJSON, notAnObject, nestedValue, duplicateKey, missingField, unknownField,
        wrongType, badEnum, badCitizenID, badCreditCode, headerTooLong, tooManyMembers,
    ]
}

/// Why a change event was rejected: a stable code and a human message naming the header or
/// field and what was expected. Written with the event to `dlq.<theme>`.
public struct EventRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable reason.
    public let code: RejectionCode
    /// What is wrong, naming the header or field and what was expected.
    public let message: String
    /// The header or field at fault, when there is one.
    public let field: String?

    /// Creates a rejection.
    public init(code: RejectionCode, message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
