/// Checks one row value against its field's declared type.
enum FieldValueCheck {
    /// Throws when `value` (not null) does not fit `field`.
    static func check(_ value: JSONScalar, against field: FieldSpec) throws(EventRejection) {
        switch field.type {
        case .string:
            guard value.stringValue != nil else { throw wrongType(field, value, "a JSON string") }
        case .integer:
            guard let text = value.numberText, isInteger(text) else {
                throw wrongType(field, value, "an integer (a JSON number without fraction or exponent, within 64 bits)")
            }
        case .decimal:
            guard let text = value.numberText ?? value.stringValue, isJSONNumber(text) else {
                throw wrongType(field, value, "a decimal (a JSON number, or a string holding one such as \"12.50\")")
            }
        case .boolean:
            guard value.boolValue != nil else { throw wrongType(field, value, "true or false") }
        case .date:
            guard let text = value.stringValue, CalendarDate(iso: text) != nil else {
                throw wrongType(field, value, "a date string YYYY-MM-DD naming a real calendar day")
            }
        case .datetime:
            guard let text = value.stringValue, RFC3339.isValid(text) else {
                throw wrongType(field, value, "an RFC 3339 date-time string such as 2024-05-01T08:30:00+08:00")
            }
        case .enum:
            try checkEnum(value, field)
        case .citizenID:
            guard let text = value.stringValue else { throw wrongType(field, value, "a citizen ID number string") }
            do {
                _ = try CitizenID(validating: text)
            } catch {
                throw EventRejection(code: .badCitizenID, message: "field '\(field.name)': \(error.message)",
                                     field: field.name)
            }
        case .creditCode:
            guard let text = value.stringValue else { throw wrongType(field, value, "a credit code string") }
            do {
                _ = try CreditCode(validating: text)
            } catch {
                throw EventRejection(code: .badCreditCode, message: "field '\(field.name)': \(error.message)",
                                     field: field.name)
            }
        }
    }

    private static func checkEnum(_ value: JSONScalar, _ field: FieldSpec) throws(EventRejection) {
        let allowed = field.values ?? []
        guard let text = value.stringValue ?? value.numberText else {
            throw wrongType(field, value, "one of the strings \(allowed.joined(separator: ", "))")
        }
        guard allowed.contains(text) else {
            throw EventRejection(code: .badEnum,
                                 message: "field '\(field.name)' is '\(text)' but must be one of: \(allowed.joined(separator: ", "))",
                                 field: field.name)
        }
    }

    private static func wrongType(_ field: FieldSpec, _ value: JSONScalar, _ expected: String) -> EventRejection {
        EventRejection(code: .wrongType,
                       message: "field '\(field.name)' is \(field.type.rawValue) and must be \(expected), but the row has a \(value.typeName)\(excerpt(value))",
                       field: field.name)
    }

    private static func excerpt(_ value: JSONScalar) -> String {
        switch value {
        case .string(let text): " \"\(text.prefix(40))\""
        case .number(let text): " \(text.prefix(40))"
        case .bool(let flag): " \(flag)"
        case .null: ""
        }
    }

    /// A JSON number without fraction or exponent that fits in Int64.
    static func isInteger(_ text: String) -> Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
            && Int64(text) != nil
    }

    /// Whether a string follows JSON's number grammar.
    static func isJSONNumber(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            return false
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }
}
