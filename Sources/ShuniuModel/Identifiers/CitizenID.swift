/// The sex a citizen ID number encodes (odd sequence: male, even: female).
public enum Sex: String, Sendable, Hashable, CaseIterable, Codable {
    /// Odd sequence number.
    case male
    /// Even sequence number.
    case female
}

/// A citizen identity number (公民身份号码), GB 11643-1999.
///
/// 18 characters: a 6-digit administrative region code, the 8-digit birth date `YYYYMMDD`,
/// a 3-digit sequence whose parity gives the sex (odd: male), and a check character
/// (ISO 7064 MOD 11-2: a digit or `X`). Only the canonical form is accepted: the check
/// character `X` must be uppercase, so that every number has exactly one spelling as a key.
public struct CitizenID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 18 characters.
    public let value: String

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432".utf8)

    /// Validates a citizen ID number.
    ///
    /// - Throws: ``IdentifierError`` with code `wrong-length`, `bad-character`, `bad-birth-date`
    ///   or `bad-check-character` (whose message names the expected character).
    public init(validating text: String) throws(IdentifierError) {
        var utf8 = text
        if let problem = utf8.withUTF8({ Self.problem(in: $0, characterCount: text.count) }) { throw problem }
        value = text
    }

    /// What is wrong with the UTF-8 bytes of a candidate number, or nil when it is valid.
    private static func problem(in bytes: UnsafeBufferPointer<UInt8>, characterCount: Int) -> IdentifierError? {
        guard characterCount == 18 else {
            return IdentifierError(code: .wrongLength,
                                   message: "a citizen ID number has 18 characters, this one has \(characterCount)")
        }
        guard bytes.count == 18 else {
            return IdentifierError(code: .badCharacter,
                                   message: "the citizen ID number contains non-ASCII characters; use ASCII digits and X only")
        }
        for index in 0..<17 where !isDigit(bytes[index]) {
            return IdentifierError(code: .badCharacter,
                                   message: "character \(index + 1) is '\(show(bytes[index]))' but characters 1-17 must be digits")
        }
        guard isDigit(bytes[17]) || bytes[17] == UInt8(ascii: "X") else {
            return IdentifierError(code: .badCharacter,
                                   message: "character 18 is '\(show(bytes[17]))' but must be a digit or uppercase X")
        }
        guard let date = birthDate(bytes), date.year >= 1800 else {
            let digits = String(decoding: UnsafeBufferPointer(rebasing: bytes[6..<14]), as: UTF8.self)
            return IdentifierError(code: .badBirthDate,
                                   message: "birth date \(digits) (characters 7-14) is not a valid date YYYYMMDD")
        }
        let expected = checkCharacter(bytes)
        guard bytes[17] == expected else {
            return IdentifierError(code: .badCheckCharacter,
                                   message: "check character (18) is '\(show(bytes[17]))' but characters 1-17 give '\(show(expected))'")
        }
        return nil
    }

    private init(unchecked value: String) {
        self.value = value
    }

    /// Builds a valid number, e.g. for generators and tests; the check character is computed.
    ///
    /// - Precondition: `region` is 6 digits, the date is valid and `sequence` is in 0...999.
    public static func make(region: String, year: Int, month: Int, day: Int, sequence: Int) -> CitizenID {
        precondition(region.utf8.count == 6 && region.utf8.allSatisfy(isDigit), "region must be 6 digits")
        precondition(CalendarDate(year: year, month: month, day: day) != nil, "birth date must be valid")
        precondition((0...999).contains(sequence), "sequence must be 0...999")
        let body = region + Digits.padded(year, width: 4) + Digits.padded(month, width: 2)
            + Digits.padded(day, width: 2) + Digits.padded(sequence, width: 3)
        let check = Array(body.utf8).withUnsafeBufferPointer { checkCharacter($0) }
        return CitizenID(unchecked: body + String(UnicodeScalar(check)))
    }

    /// The 6-digit administrative region code (characters 1-6).
    public var region: String { String(value.utf8.prefix(6))! }

    /// The birth date (characters 7-14).
    public var birthDate: CalendarDate {
        let date = Array(value.utf8).withUnsafeBufferPointer { Self.birthDate($0) }
        guard let date else { preconditionFailure("validated on creation") }
        return date
    }

    /// The 3-digit sequence number (characters 15-17).
    public var sequence: Int { Digits.value(Array(value.utf8)[14..<17]) ?? 0 }

    /// The sex: odd sequence numbers are male, even ones female.
    public var sex: Sex { sequence % 2 == 1 ? .male : .female }

    /// The 18 characters.
    public var description: String { value }

    /// Orders by the 18 characters.
    public static func < (lhs: CitizenID, rhs: CitizenID) -> Bool { lhs.value < rhs.value }

    /// The ISO 7064 MOD 11-2 check character of the first 17 digits.
    static func checkCharacter(_ digits: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var sum = 0
        for index in 0..<17 {
            sum += Int(digits[index] &- UInt8(ascii: "0")) * weights[index]
        }
        return checkCharacters[sum % 11]
    }

    private static func birthDate(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard let year = Digits.value(bytes[6..<10]), let month = Digits.value(bytes[10..<12]),
              let day = Digits.value(bytes[12..<14]) else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// A byte for a message: the character if printable ASCII, else its hex value.
    static func show(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : "0x" + String(byte, radix: 16, uppercase: true)
    }
}
