import Foundation
import Testing
@testable import ShuniuModel

@Suite("Change-event envelope")
struct EnvelopeTests {
    static let upsert = ChangeEvent.upsert(
        id: "ps-000001", source: "public-security", theme: "household-registration",
        subject: "11010519491231002X", time: "2024-05-01T08:30:00.250+08:00", sequence: 7,
        row: ["citizen_id": "11010519491231002X", "name": "张三"],
        extensions: [EnvelopeHeader(name: "shuniu_grant", text: "g-42"),
                     EnvelopeHeader(name: "traceparent", value: [0x00, 0xFF, 0x10])])

    @Test func encodesHeadersInContractOrder() {
        let record = ChangeEventCodec.encode(Self.upsert)
        #expect(record.key == Array("11010519491231002X".utf8))
        #expect(record.headers.map(\.name) == ["ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject",
                                               "ce_time", "ce_sequence", "content-type", "shuniu_grant", "traceparent"])
        #expect(record.headers.map { $0.text ?? "<binary>" } == [
            "1.0", "ps-000001", "public-security", "household-registration.upserted", "11010519491231002X",
            "2024-05-01T08:30:00.250+08:00", "7", "application/json", "g-42", "<binary>",
        ])
        #expect(record.value == Array(#"{"citizen_id":"11010519491231002X","name":"张三"}"#.utf8))
    }

    @Test func upsertRoundTripsWithExtensions() throws {
        let record = ChangeEventCodec.encode(Self.upsert)
        let decoded = try ChangeEventCodec.decode(key: record.key, headers: record.headers, value: record.value)
        #expect(decoded == Self.upsert)
        #expect(decoded.extensionText("shuniu_grant") == "g-42")
        #expect(decoded.extensionValue("traceparent") == [0x00, 0xFF, 0x10])
        #expect(decoded.extensionText("traceparent") == nil)
        #expect(decoded.type == "household-registration.upserted")
    }

    @Test func deleteRoundTripsWithoutContentType() throws {
        let delete = ChangeEvent.delete(id: "ps-000002", source: "public-security", theme: "household-registration",
                                        subject: "11010519491231002X", time: "2024-05-02T00:00:00Z", sequence: 8)
        #expect(delete.contentType == nil)
        let record = ChangeEventCodec.encode(delete)
        #expect(!record.headers.contains { $0.name == "content-type" })
        #expect(record.value.isEmpty)
        let decoded = try ChangeEventCodec.decode(key: record.key, headers: record.headers, value: record.value)
        #expect(decoded == delete)
        #expect(decoded.action == .deleted)
    }

    @Test func decodeAcceptsHeadersInAnyOrderAndJSONWithParameters() throws {
        var record = ChangeEventCodec.encode(Self.upsert)
        record.headers.reverse()
        record.headers.removeAll { $0.name == "content-type" }
        record.headers.append(EnvelopeHeader(name: "content-type", text: "Application/JSON; charset=utf-8"))
        let decoded = try ChangeEventCodec.decode(key: record.key, headers: record.headers, value: record.value)
        #expect(decoded.contentType == "Application/JSON; charset=utf-8")
        #expect(decoded.extensions.map(\.name) == ["traceparent", "shuniu_grant"])
    }

    @Test func setExtensionReplaces() {
        var event = Self.upsert
        event.setExtension("shuniu_grant", text: "g-43")
        #expect(event.extensions.filter { $0.name == "shuniu_grant" }.count == 1)
        #expect(event.extensionText("shuniu_grant") == "g-43")
    }

    @Test func timeIsParsedLazilyToEpochMilliseconds() {
        #expect(Self.upsert.epochMilliseconds == 1_714_523_400_250)
        #expect(Self.upsert.date == Date(timeIntervalSince1970: 1_714_523_400.25))
        var event = Self.upsert
        event.time = "not a time"
        #expect(event.epochMilliseconds == nil)
        #expect(event.date == nil)
    }

    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("1970-01-01T08:00:00+08:00", 0),
        ("1969-12-31T23:59:59.999Z", -1),
        ("2024-05-01T00:30:00-01:30", 1_714_528_800_000),
        ("2024-05-01t00:30:00.1z", 1_714_523_400_100),
        ("2024-05-01T00:30:00.123456789Z", 1_714_523_400_123),
        ("2016-12-31T23:59:60Z", 1_483_228_800_000),
        ("2000-02-29T12:00:00+00:00", 951_825_600_000),
    ])
    func validTimestamps(_ text: String, millis: Int64) {
        #expect(RFC3339.epochMilliseconds(text) == millis)
    }

    @Test(arguments: [
        "", "2024-05-01", "2024-05-01T08:30:00", "2024-05-01 08:30:00Z", "2024-05-01T08:30Z",
        "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T08:60:00Z",
        "2024-05-01T08:30:61Z", "2024-05-01T08:30:00.Z", "2024-05-01T08:30:00+0800", "2024-05-01T08:30:00+24:00",
        "2024-05-01T08:30:00Z ", "24-05-01T08:30:00Z", "2024-05-01T08:30:00UTC",
    ])
    func invalidTimestamps(_ text: String) {
        #expect(RFC3339.epochMilliseconds(text) == nil)
    }

    @Test func rejectionCodesAreUniqueAndKebabCase() {
        let codes = RejectionCode.all.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy(YAMLValue.isKebabID))
        #expect(EventRejection(code: .badTime, message: "m").description == "bad-time: m")
    }
}
