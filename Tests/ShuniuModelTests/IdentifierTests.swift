import Testing
@testable import ShuniuModel

@Suite("Citizen ID (GB 11643)")
struct CitizenIDTests {
    @Test(arguments: [
        ("11010519491231002X", "110105", CalendarDate(year: 1949, month: 12, day: 31)!, Sex.female),
        ("440524188001010014", "440524", CalendarDate(year: 1880, month: 1, day: 1)!, Sex.male),
        ("440106200002290016", "440106", CalendarDate(year: 2000, month: 2, day: 29)!, Sex.male),
    ])
    func validNumbers(_ text: String, region: String, birth: CalendarDate, sex: Sex) throws {
        let id = try CitizenID(validating: text)
        #expect(id.value == text)
        #expect(id.region == region)
        #expect(id.birthDate == birth)
        #expect(id.sex == sex)
        #expect(id.description == text)
    }

    @Test(arguments: [
        ("1101051949123100", IdentifierError.Code.wrongLength, "a citizen ID number has 18 characters, this one has 16"),
        ("11010519491231002XX", .wrongLength, "a citizen ID number has 18 characters, this one has 19"),
        ("", .wrongLength, "a citizen ID number has 18 characters, this one has 0"),
        ("1101051949123100２X", .badCharacter, "the citizen ID number contains non-ASCII characters; use ASCII digits and X only"),
        ("11010A19491231002X", .badCharacter, "character 6 is 'A' but characters 1-17 must be digits"),
        ("11010519491231002x", .badCharacter, "character 18 is 'x' but must be a digit or uppercase X"),
        ("110105194912310021", .badCheckCharacter, "check character (18) is '1' but characters 1-17 give 'X'"),
        ("440524188001010015", .badCheckCharacter, "check character (18) is '5' but characters 1-17 give '4'"),
        ("110105199902300020", .badBirthDate, "birth date 19990230 (characters 7-14) is not a valid date YYYYMMDD"),
        ("110105190002290020", .badBirthDate, "birth date 19000229 (characters 7-14) is not a valid date YYYYMMDD"),
        ("110105199913010020", .badBirthDate, "birth date 19991301 (characters 7-14) is not a valid date YYYYMMDD"),
        ("110105170001010020", .badBirthDate, "birth date 17000101 (characters 7-14) is not a valid date YYYYMMDD"),
    ])
    func invalidNumbers(_ text: String, code: IdentifierError.Code, message: String) {
        #expect(throws: IdentifierError(code: code, message: message)) {
            try CitizenID(validating: text)
        }
    }

    @Test func multiByteTextOfEighteenBytes() {
        // 16 ASCII digits and one 2-byte character: 18 UTF-8 bytes but 17 characters.
        #expect(throws: IdentifierError(code: .wrongLength,
                                        message: "a citizen ID number has 18 characters, this one has 17")) {
            try CitizenID(validating: "1101051949123100é")
        }
        #expect(throws: IdentifierError(code: .badCharacter,
                                        message: "the unified social credit code contains non-ASCII characters; use ASCII digits and uppercase letters only")) {
            try CreditCode(validating: "91440300192203821Ａ")
        }
    }

    @Test func makeComputesTheCheckCharacter() throws {
        let id = CitizenID.make(region: "110105", year: 1949, month: 12, day: 31, sequence: 2)
        #expect(id.value == "11010519491231002X")
        for sequence in [0, 1, 7, 500, 999] {
            let made = CitizenID.make(region: "440106", year: 1990, month: 7, day: 15, sequence: sequence)
            let parsed = try CitizenID(validating: made.value)
            #expect(parsed == made)
            #expect(parsed.sequence == sequence)
            #expect(parsed.sex == (sequence % 2 == 1 ? .male : .female))
        }
    }
}

@Suite("Credit code (GB 32100)")
struct CreditCodeTests {
    /// Real, published unified social credit codes (from the companies' business licences),
    /// plus the example used in GB 32100 explanations.
    @Test(arguments: [
        ("914403001922038216", "192203821"),  // Huawei Technologies Co., Ltd.
        ("91330100716105852F", "716105852"),  // Alibaba (China) Co., Ltd.
        ("9144030071526726XG", "71526726X"),  // Shenzhen Tencent Computer Systems Co., Ltd.
        ("91350100M000100Y43", "M000100Y4"),
    ])
    func realCodesAreValid(_ text: String, organisationCode: String) throws {
        let code = try CreditCode(validating: text)
        #expect(code.value == text)
        #expect(code.organisationCode == organisationCode)
        #expect(code.authority == "9")
        #expect(code.kind == "1")
        #expect(code.region == String(text.dropFirst(2).prefix(6)))
    }

    @Test(arguments: [
        ("91440300192203821", IdentifierError.Code.wrongLength, "a unified social credit code has 18 characters, this one has 17"),
        ("914403001922038216A", .wrongLength, "a unified social credit code has 18 characters, this one has 19"),
        ("91440300I922038216", .badCharacter, "character 9 is 'I' but credit codes use only digits and uppercase A-Y without I, O, S, V, Z"),
        ("91330100716105852f", .badCharacter, "character 18 is 'f' but credit codes use only digits and uppercase A-Y without I, O, S, V, Z"),
        ("9144030O1922038216", .badCharacter, "character 8 is 'O' but credit codes use only digits and uppercase A-Y without I, O, S, V, Z"),
        ("9144A3001922038216", .badCharacter, "character 5 is 'A' but characters 3-8 (the region code) must be digits"),
        ("914403001922038226", .badOrganisationCode, "character 17 (the organisation code's check character) is '2' but characters 9-16 give '1'"),
        ("914403001922038217", .badCheckCharacter, "check character (18) is '7' but characters 1-17 give '6'"),
        ("9144030071526726XH", .badCheckCharacter, "check character (18) is 'H' but characters 1-17 give 'G'"),
        ("92440300715267260G", .badOrganisationCode, "character 17 (the organisation code's check character) is '0' but characters 9-16 give 'X'"),
    ])
    func invalidCodes(_ text: String, code: IdentifierError.Code, message: String) {
        #expect(throws: IdentifierError(code: code, message: message)) {
            try CreditCode(validating: text)
        }
    }

    @Test func makeComputesBothCheckCharacters() throws {
        #expect(CreditCode.make(authority: "9", kind: "1", region: "440300", organisationBase: "19220382").value
                == "914403001922038216")
        #expect(CreditCode.make(authority: "9", kind: "1", region: "440300", organisationBase: "71526726").value
                == "9144030071526726XG")
        for base in ["00000000", "12345678", "MA5FX7Q0", "YYYYYYYY"] {
            let made = CreditCode.make(authority: "5", kind: "2", region: "110105", organisationBase: base)
            #expect(try CreditCode(validating: made.value) == made)
            #expect(made.organisationCode.hasPrefix(base))
        }
    }

    @Test func organisationCheckCoversTenAndEleven() {
        // 11 - sum % 11 == 10 gives X; == 11 gives 0.
        #expect(Array("71526726".utf8).withUnsafeBufferPointer(CreditCode.organisationCheckCharacter) == UInt8(ascii: "X"))
        #expect(Array("00000000".utf8).withUnsafeBufferPointer(CreditCode.organisationCheckCharacter) == UInt8(ascii: "0"))
    }
}

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test func parsesAndValidates() {
        #expect(CalendarDate(iso: "2024-02-29") == CalendarDate(year: 2024, month: 2, day: 29))
        #expect(CalendarDate(iso: "2023-02-29") == nil)
        #expect(CalendarDate(iso: "2023-2-28") == nil)
        #expect(CalendarDate(iso: "2023-04-31") == nil)
        #expect(CalendarDate(iso: "20230401") == nil)
        #expect(CalendarDate(iso: "2023-04-01")?.description == "2023-04-01")
        #expect(CalendarDate(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
        #expect(CalendarDate(year: 2000, month: 3, day: 1)?.daysSinceEpoch == 11_017)
        #expect(CalendarDate(year: 1969, month: 12, day: 31)?.daysSinceEpoch == -1)
    }
}
