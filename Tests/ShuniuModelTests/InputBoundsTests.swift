import Testing
@testable import ShuniuModel

/// Poison input in the model: numbers in masks, rows of hostile shape, over-long headers.
/// Each is a refusal with a stable code, never a trap (docs/bounds.md).
@Suite("Input bounds")
struct InputBoundsTests {
    func maskRefusal(_ text: String) -> GrantRefusal? {
        do {
            _ = try MaskRule(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: ["partial:9223372036854775807:1", "partial:1:9223372036854775807", "partial:65:0", "partial:0:65",
                      "partial:-1:4", "partial:99999999999999999999:1",
                      // Found by ops/fuzz.sh (mask-rule) with the range check and the clamp taken out:
                      "partial:0000000043862121:9223372036854775807"])
    func maskNumbersOutOfRangeAreRefused(_ text: String) throws {
        let refusal = try #require(maskRefusal(text))
        #expect(refusal.code == .badMask)
        #expect(refusal.message.contains("0...64") || refusal.message.contains("0 to 64"), "\(refusal)")
    }

    @Test(arguments: ["partial:", "partial::", ":", "", "partial:1:2:3", "drop:1", "partial:+:1", "partial:٣:1"])
    func malformedMasksAreRefused(_ text: String) {
        #expect(maskRefusal(text)?.code == .badMask)
    }

    @Test func theBoundsThemselvesAreAccepted() throws {
        let rule = try MaskRule(parsing: "partial:64:64")
        #expect(rule.keepFirst == 64 && rule.keepLast == 64)
        #expect(try MaskRule(parsing: "partial:0:0").apply(to: .string("abc"), key: HMACKey([])) == .string("***"))
    }

    /// Defence in depth: a rule that holds any numbers (made in code, or from a table built
    /// from an older log) masks without overflow.
    @Test func maskApplicationIsOverflowSafe() throws {
        var rule = try MaskRule(parsing: "partial")
        rule.keepFirst = .max
        rule.keepLast = 1
        #expect(rule.apply(to: .string("11010519491231002X"), key: HMACKey([])) == .string(String(repeating: "*", count: 18)))
        rule.keepFirst = .min
        rule.keepLast = .max
        #expect(rule.apply(to: .string("abc"), key: HMACKey([])) == .string("***"))
        rule.keepFirst = 2
        rule.keepLast = -5
        let long = String(repeating: "a", count: 100)
        #expect(rule.apply(to: .string(long), key: HMACKey([])) == .string("aa" + String(repeating: "*", count: 98)))
    }

    @Test func rowsOfFiftyThousandMembersParseWithTheirDuplicatesFound() throws {
        let members = (0..<50_000).map { "\"f\($0)\":\($0)" }
        let row = try Row.parse(bytes: Array(("{" + members.joined(separator: ",") + "}").utf8))
        #expect(row.count == 50_000)
        #expect(row["f49999"] == .number("49999"))
        let duplicated = "{" + members.joined(separator: ",") + ",\"f17\":1}"
        do {
            _ = try Row.parse(bytes: Array(duplicated.utf8))
            Issue.record("a repeated member was accepted")
        } catch {
            #expect(error.code == .duplicateKey && error.field == "f17")
            #expect(error.offset == duplicated.utf8.count - 8)
        }
        // Below the scan limit too.
        #expect(throws: RowError.self) { try Row.parse(bytes: Array(#"{"a":1,"b":2,"a":3}"#.utf8)) }
    }

    @Test func membersAreBounded() throws {
        let atLimit = "{" + (0..<Row.maximumMembers).map { "\"\($0)\":0" }.joined(separator: ",") + "}"
        #expect(try Row.parse(bytes: Array(atLimit.utf8)).count == Row.maximumMembers)
        let over = "{" + (0...Row.maximumMembers).map { "\"\($0)\":0" }.joined(separator: ",") + "}"
        do {
            _ = try Row.parse(bytes: Array(over.utf8))
            Issue.record("a row over the member bound was accepted")
        } catch {
            #expect(error.code == .tooManyMembers)
        }
    }

    /// Rows are flat: the depth bound is the one object, whatever follows the first `{` or `[`.
    @Test func nestingIsRefusedWhereItOpens() {
        let deep = #"{"a":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        do {
            _ = try Row.parse(bytes: Array(deep.utf8))
            Issue.record("a nested value was accepted")
        } catch {
            #expect(error.code == .nestedValue && error.offset == 5)
        }
    }

    @Test func overLongEnvelopeHeadersAreRefused() {
        let long = String(repeating: "x", count: EnvelopeRules.maximumHeaderBytes + 1)
        let event = ChangeEvent.delete(id: long, source: "public-security", theme: "household-registration",
                                       subject: "11010519491231002X", time: "2025-06-01T08:00:00Z", sequence: 1)
        let encoded = ChangeEventCodec.encode(event)
        do {
            _ = try ChangeEventCodec.decode(key: encoded.key, headers: encoded.headers, value: encoded.value)
            Issue.record("an over-long ce_id was accepted")
        } catch {
            #expect(error.code == .headerTooLong && error.field == "ce_id")
        }
    }

    @Test func sequencesBeyondInt64AreRefused() {
        #expect(ChangeEventCodec.parseSequence("9223372036854775807") == .max)
        #expect(ChangeEventCodec.parseSequence("9223372036854775808") == nil)
        #expect(ChangeEventCodec.parseSequence("99999999999999999999") == nil)
    }

    @Test func workflowDatesAreBounded() throws {
        #expect(WorkflowDates.contains(try #require(CalendarDate(iso: "2026-03-02"))))
        #expect(!WorkflowDates.contains(try #require(CalendarDate(iso: "9999-12-31"))))
        #expect(!WorkflowDates.contains(try #require(CalendarDate(iso: "1999-12-31"))))
        #expect(CalendarDate.latest.description == "9999-12-31")
    }
}
