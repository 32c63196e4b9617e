import Testing
@testable import ShuniuModel

@Suite("Flat JSON rows")
struct RowTests {
    private func parse(_ text: String) throws(RowError) -> Row {
        try Row.parse(bytes: Array(text.utf8))
    }

    @Test func parsesEveryScalarKeepingOrderAndNumberText() throws {
        let row = try parse(#" { "b" : "x", "a": 12.50, "n": -0, "e": 1E+3, "t": true, "f": false, "z": null } "#)
        #expect(row.names == ["b", "a", "n", "e", "t", "f", "z"])
        #expect(row["b"] == .string("x"))
        #expect(row["a"] == .number("12.50"))
        #expect(row["n"] == .number("-0"))
        #expect(row["e"] == .number("1E+3"))
        #expect(row["t"] == .bool(true))
        #expect(row["f"] == .bool(false))
        #expect(row["z"] == .null)
        #expect(row["missing"] == nil)
        #expect(row.serialized() == Array(#"{"b":"x","a":12.50,"n":-0,"e":1E+3,"t":true,"f":false,"z":null}"#.utf8))
    }

    @Test func parsesEmptyObject() throws {
        #expect(try parse("{}").isEmpty)
        #expect(try parse(" {\n} \n").serialized() == Array("{}".utf8))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let row = try parse(#"{"s":"a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\u4E2D\ud83d\ude00","k\u0031":"户籍"}"#)
        #expect(row["s"] == .string("a\"b\\c/d\u{08}\u{0C}\n\r\tAé中😀"))
        #expect(row["k1"] == .string("户籍"))
    }

    @Test func serializesWithMinimalEscaping() {
        let row: Row = ["name": "张三 \"quoted\" back\\slash\n\u{01}/😀", "n": 3]
        let text = String(decoding: row.serialized(), as: UTF8.self)
        #expect(text == #"{"name":"张三 \"quoted\" back\\slash\n\u0001/😀","n":3}"#)
        #expect(row.description == text)
    }

    @Test func acceptsEveryInputKind() throws {
        let bytes = Array(#"{"a":1}"#.utf8)
        let fromSlice = try Row.parse(bytes: bytes[...])
        let fromRaw = try bytes.withUnsafeBytes { raw throws(RowError) in try Row.parse(bytes: raw) }
        let fromLazy = try Row.parse(bytes: bytes.lazy.map { $0 })
        #expect(fromSlice == fromRaw && fromRaw == fromLazy)
    }

    @Test(arguments: [
        ("", RowError.Code.invalidJSON),
        ("   ", .invalidJSON),
        ("{", .invalidJSON),
        (#"{"a":1,}"#, .invalidJSON),
        (#"{"a" 1}"#, .invalidJSON),
        (#"{a:1}"#, .invalidJSON),
        (#"{"a":01}"#, .invalidJSON),
        (#"{"a":1.}"#, .invalidJSON),
        (#"{"a":.5}"#, .invalidJSON),
        (#"{"a":1e}"#, .invalidJSON),
        (#"{"a":+1}"#, .invalidJSON),
        (#"{"a":tru}"#, .invalidJSON),
        (#"{"a":nul}"#, .invalidJSON),
        (#"{"a":"x}"#, .invalidJSON),
        ("{\"a\":\"line\nbreak\"}", .invalidJSON),
        (#"{"a":"\x"}"#, .invalidJSON),
        (#"{"a":"\u12"}"#, .invalidJSON),
        (#"{"a":"\ud83d"}"#, .invalidJSON),
        (#"{"a":"\ud83d\u0041"}"#, .invalidJSON),
        (#"{"a":"\ude00"}"#, .invalidJSON),
        (#"{"a":1} x"#, .invalidJSON),
        (#"{"a":1}{"b":2}"#, .invalidJSON),
        ("xyz", .invalidJSON),
        ("[1,2]", .notAnObject),
        (#""text""#, .notAnObject),
        ("42", .notAnObject),
        ("null", .notAnObject),
        (#"{"a":{"b":1}}"#, .nestedValue),
        (#"{"a":[1]}"#, .nestedValue),
        (#"{"a":1,"a":2}"#, .duplicateKey),
        (#"{"a":1,"\u0061":2}"#, .duplicateKey),
    ])
    func rejectsMalformedInput(_ text: String, code: RowError.Code) {
        #expect { try parse(text) } throws: { ($0 as? RowError)?.code == code }
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = Array(#"{"a":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect { try Row.parse(bytes: bytes) } throws: { ($0 as? RowError)?.code == .invalidJSON }
    }

    @Test func errorsNameFieldAndOffset() {
        do {
            _ = try parse(#"{"ok":1,"bad":[1]}"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .nestedValue)
            #expect(error.field == "bad")
            #expect(error.offset == 14)
        }
    }

    @Test func projectionKeepsRowOrder() {
        let row: Row = ["a": 1, "b": "x", "c": true, "d": nil]
        #expect(row.projected(onto: ["d", "a"]) == ["a": 1, "d": nil])
        #expect(row.projected(onto: Set(["c"])).names == ["c"])
        #expect(row.projected(onto: [String]()).isEmpty)
    }

    @Test func subscriptSetsReplacesAndRemoves() {
        var row: Row = ["a": 1, "b": 2]
        row["b"] = "two"
        row["c"] = true
        row["a"] = nil
        #expect(row == ["b": "two", "c": true])
        #expect(Row([Row.Field(name: "x", value: 1), Row.Field(name: "x", value: 2)]) == ["x": 2])
    }

    @Test func randomRowsRoundTrip() throws {
        var generator = SeededGenerator(seed: 0x5EED_2026)
        for _ in 0..<2_000 {
            let row = RandomRow.make(using: &generator)
            let bytes = row.serialized()
            #expect(String(validating: bytes, as: UTF8.self) != nil)
            let parsed = try Row.parse(bytes: bytes)
            #expect(parsed == row)
            #expect(parsed.serialized() == bytes)
        }
    }
}

/// SplitMix64: a small deterministic generator so property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random flat rows whose strings mix ASCII, escapes, control characters, CJK and astral scalars.
enum RandomRow {
    private static let alphabet: [Unicode.Scalar] = Array("abcXYZ09 _-\"\\/\n\t\u{0}\u{1F}\u{7F}é户籍中😀𝄞".unicodeScalars)

    static func make(using generator: inout SeededGenerator) -> Row {
        var row = Row()
        for index in 0..<Int.random(in: 0...12, using: &generator) {
            row["\(string(using: &generator))\(index)"] = scalar(using: &generator)
        }
        return row
    }

    private static func scalar(using generator: inout SeededGenerator) -> JSONScalar {
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: .string(string(using: &generator))
        case 1: .number(String(Int64.random(in: Int64.min...Int64.max, using: &generator)))
        case 2: .number("\(Int.random(in: -999...999, using: &generator)).\(Int.random(in: 0...99_999, using: &generator))")
        case 3: .number("\(Int.random(in: 1...9, using: &generator))e-\(Int.random(in: 0...300, using: &generator))")
        case 4: .bool(Bool.random(using: &generator))
        default: .null
        }
    }

    private static func string(using generator: inout SeededGenerator) -> String {
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...10, using: &generator) {
            text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
        }
        return String(text)
    }
}

@Suite("UTF-8 validation")
struct UTF8TextTests {
    @Test(arguments: [
        ([0x41], true), ([0xC3, 0xA9], true), ([0xE4, 0xB8, 0xAD], true), ([0xF0, 0x9F, 0x98, 0x80], true),
        ([0xEF, 0xBF, 0xBF], true), ([0xF4, 0x8F, 0xBF, 0xBF], true),
        ([0x80], false), ([0xC0, 0x80], false), ([0xC1, 0xBF], false), ([0xC3], false), ([0xE0, 0x80, 0x80], false),
        ([0xED, 0xA0, 0x80], false), ([0xF0, 0x80, 0x80, 0x80], false), ([0xF4, 0x90, 0x80, 0x80], false),
        ([0xF5, 0x80, 0x80, 0x80], false), ([0xE4, 0xB8], false), ([0xE4, 0x41, 0xAD], false), ([0xFF], false),
    ] as [([UInt8], Bool)])
    func validatesLikeTheStandardLibrary(_ bytes: [UInt8], valid: Bool) {
        #expect((UTF8Text.string(bytes) != nil) == valid)
        #expect((String(validating: bytes, as: UTF8.self) != nil) == valid)
    }
}
