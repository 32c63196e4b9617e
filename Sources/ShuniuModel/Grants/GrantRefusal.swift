/// Why a grant command or a `ctl.grants` event is refused: a stable code and the reason in words.
public struct GrantRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, kebab-case refusal code.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let unknownTheme = Code(rawValue: "unknown-theme")
        public static let notShared = Code(rawValue: "not-shared")
        public static let unknownDepartment = Code(rawValue: "unknown-department")
        public static let functionNotHeld = Code(rawValue: "function-not-held")
        public static let functionNotEntitled = Code(rawValue: "function-not-entitled")
        public static let unknownField = Code(rawValue: "unknown-field")
        public static let noFields = Code(rawValue: "no-fields")
        public static let badMask = Code(rawValue: "bad-mask")
        public static let badScope = Code(rawValue: "bad-scope")
        public static let badDate = Code(rawValue: "bad-date")
        public static let basisRequired = Code(rawValue: "basis-required")
        public static let unknownGrant = Code(rawValue: "unknown-grant")
        public static let duplicateGrant = Code(rawValue: "duplicate-grant")
        public static let wrongState = Code(rawValue: "wrong-state")
        public static let notProvider = Code(rawValue: "not-provider")
        public static let notArbitrator = Code(rawValue: "not-arbitrator")
        public static let notParty = Code(rawValue: "not-party")
        public static let reasonRequired = Code(rawValue: "reason-required")
        public static let malformedEvent = Code(rawValue: "malformed-event")
        /// A notice delay outside 1...``Catalogue/maximumNoticeDelayDays`` or for a function not in
        /// ``Catalogue/noticeDelayFunctions``.
        public static let badNoticeDelay = Code(rawValue: "bad-notice-delay")
        /// A district body applied without a scope on its own district (or for another one).
        public static let districtScope = Code(rawValue: "district-scope")
        /// A district body applied for a theme that has no district field to scope it by.
        public static let noDistrictField = Code(rawValue: "no-district-field")
        /// A district body applied for a secret field unmasked (`SensitivityPolicy`).
        public static let secretToDistrict = Code(rawValue: "secret-to-district")
        /// A masked identifier would be readable from one the department receives in clear (`MaskConsistency`).
        public static let recoverableMask = Code(rawValue: "recoverable-mask")
    }

    /// The stable code.
    public var code: Code
    /// What is wrong and how to put it right.
    public var message: String

    /// Creates a refusal.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
