/// The kinds of identifier a field can hold, for the mask consistency rule
/// (`MaskConsistency`): two fields of the same kind hold values from the same set, so one
/// delivered in clear can reveal the other masked.
public enum IdentifierKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Citizen ID numbers (GB 11643).
    case citizenID = "citizen-id"
    /// Unified social credit codes (GB 32100).
    case creditCode = "credit-code"

    /// The kind of `field`: by its catalogue type (`citizen-id`, `credit-code`), or by its name
    /// (`citizen_id`, `*_citizen_id`, `credit_code`, `*_credit_code`); `nil` for other fields.
    public init?(_ field: FieldSpec) {
        for kind in Self.allCases where field.type == kind.fieldType
            || field.name == kind.fieldName || field.name.hasSuffix("_" + kind.fieldName) {
            self = kind
            return
        }
        return nil
    }

    /// The catalogue field type holding this kind.
    public var fieldType: FieldType {
        switch self {
        case .citizenID: .citizenID
        case .creditCode: .creditCode
        }
    }

    /// The conventional field name (and name suffix) of this kind.
    public var fieldName: String {
        switch self {
        case .citizenID: "citizen_id"
        case .creditCode: "credit_code"
        }
    }

    public var description: String {
        switch self {
        case .citizenID: "citizen ID"
        case .creditCode: "credit code"
        }
    }
}
