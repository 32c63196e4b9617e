/// A unified social credit code (统一社会信用代码), GB 32100-2015.
///
/// 18 characters from `0123456789ABCDEFGHJKLMNPQRTUWXY` (no I, O, Z, S, V): the registration
/// authority (1), the organisation type (2), the 6-digit region code (3-8), the 9-character
/// organisation code of GB 11714 (9-17, itself ending in a MOD 11 check character) and a
/// MOD 31 check character (18).
public struct CreditCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 18 characters.
    public let value: String

    /// The code's alphabet; a character's value is its index.
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)
    private static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    private static let organisationWeights = [3, 7, 9, 10, 5, 8, 4, 2]
    private static let alphabetValues: [Int] = {
        var values = [Int](repeating: -1, count: 256)
        for (index, byte) in alphabet.enumerated() { values[Int(byte)] = index }
        return values
    }()

    /// Validates a credit code.
    ///
    /// - Throws: ``IdentifierError`` with code `wrong-length`, `bad-character`,
    ///   `bad-organisation-code` or `bad-check-character` (whose messages name the expected character).
    public init(validating text: String) throws(IdentifierError) {
        var utf8 = text
        if let problem = utf8.withUTF8({ Self.problem(in: $0, characterCount: text.count) }) { throw problem }
        value = text
    }

    /// What is wrong with the UTF-8 bytes of a candidate code, or nil when it is valid.
    private static func problem(in bytes: UnsafeBufferPointer<UInt8>, characterCount: Int) -> IdentifierError? {
        guard characterCount == 18 else {
            return IdentifierError(code: .wrongLength,
                                   message: "a unified social credit code has 18 characters, this one has \(characterCount)")
        }
        guard bytes.count == 18 else {
            return IdentifierError(code: .badCharacter,
                                   message: "the unified social credit code contains non-ASCII characters; use ASCII digits and uppercase letters only")
        }
        for index in 0..<18 where alphabetValues[Int(bytes[index])] < 0 {
            return IdentifierError(code: .badCharacter,
                                   message: "character \(index + 1) is '\(CitizenID.show(bytes[index]))' but credit codes use only digits and uppercase A-Y without I, O, S, V, Z")
        }
        for index in 2..<8 where alphabetValues[Int(bytes[index])] > 9 {
            return IdentifierError(code: .badCharacter,
                                   message: "character \(index + 1) is '\(CitizenID.show(bytes[index]))' but characters 3-8 (the region code) must be digits")
        }
        let organisationCheck = organisationCheckCharacter(UnsafeBufferPointer(rebasing: bytes[8..<16]))
        guard bytes[16] == organisationCheck else {
            return IdentifierError(code: .badOrganisationCode,
                                   message: "character 17 (the organisation code's check character) is '\(CitizenID.show(bytes[16]))' but characters 9-16 give '\(CitizenID.show(organisationCheck))'")
        }
        let check = checkCharacter(bytes)
        guard bytes[17] == check else {
            return IdentifierError(code: .badCheckCharacter,
                                   message: "check character (18) is '\(CitizenID.show(bytes[17]))' but characters 1-17 give '\(CitizenID.show(check))'")
        }
        return nil
    }

    private init(unchecked value: String) {
        self.value = value
    }

    /// Builds a valid code, e.g. for generators and tests; both check characters are computed.
    ///
    /// - Precondition: `authority` and `kind` are in the alphabet, `region` is 6 digits and
    ///   `organisationBase` is 8 characters of the alphabet.
    public static func make(authority: Character, kind: Character, region: String,
                            organisationBase: String) -> CreditCode {
        let head = String(authority) + String(kind)
        precondition(head.utf8.count == 2 && head.utf8.allSatisfy { alphabetValues[Int($0)] >= 0 },
                     "authority and kind must be characters of the credit code alphabet")
        precondition(region.utf8.count == 6 && region.utf8.allSatisfy { (0...9).contains(alphabetValues[Int($0)]) },
                     "region must be 6 digits")
        precondition(organisationBase.utf8.count == 8 && organisationBase.utf8.allSatisfy { alphabetValues[Int($0)] >= 0 },
                     "organisationBase must be 8 characters of the credit code alphabet")
        var bytes = Array((head + region + organisationBase).utf8)
        bytes.append(bytes.withUnsafeBufferPointer { organisationCheckCharacter(UnsafeBufferPointer(rebasing: $0[8..<16])) })
        bytes.append(bytes.withUnsafeBufferPointer { checkCharacter($0) })
        return CreditCode(unchecked: String(decoding: bytes, as: UTF8.self))
    }

    /// The registration authority (character 1), e.g. `9` for market regulation.
    public var authority: Character { value.first! }

    /// The organisation type (character 2).
    public var kind: Character { value[value.index(after: value.startIndex)] }

    /// The 6-digit region code (characters 3-8).
    public var region: String { String(decoding: Array(value.utf8)[2..<8], as: UTF8.self) }

    /// The 9-character GB 11714 organisation code (characters 9-17) including its check character.
    public var organisationCode: String { String(decoding: Array(value.utf8)[8..<17], as: UTF8.self) }

    /// The 18 characters.
    public var description: String { value }

    /// Orders by the 18 characters.
    public static func < (lhs: CreditCode, rhs: CreditCode) -> Bool { lhs.value < rhs.value }

    /// GB 11714: weights 3,7,9,10,5,8,4,2 over character values (digits 0-9, A=10 ... Z=35);
    /// check = 11 - sum % 11, where 10 is `X` and 11 is `0`.
    static func organisationCheckCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var sum = 0
        for index in 0..<8 {
            let byte = bytes[index]
            let value = byte <= UInt8(ascii: "9") ? Int(byte) - 48 : Int(byte) - 55
            sum += value * organisationWeights[index]
        }
        switch 11 - sum % 11 {
        case 10: return UInt8(ascii: "X")
        case 11: return UInt8(ascii: "0")
        case let digit: return UInt8(ascii: "0") + UInt8(digit)
        }
    }

    /// GB 32100: weights 3^i mod 31 over alphabet values; check = 31 - sum % 31, where 31 is 0.
    static func checkCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var sum = 0
        for index in 0..<17 {
            sum += alphabetValues[Int(bytes[index])] * weights[index]
        }
        return alphabet[(31 - sum % 31) % 31]
    }
}
