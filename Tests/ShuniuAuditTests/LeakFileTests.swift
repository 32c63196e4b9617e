import Foundation
import ShuniuAudit
import ShuniuModel
import Testing

/// `LeakFile`: CSV and JSON Lines read streaming, bounded, with the values and digests tracing uses.
@Suite struct LeakFileTests {
    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("leak-\(UUID().uuidString)").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func csvWithQuotesLineBreaksAndAJSONRowColumn() throws {
        let row: Row = ["citizen_id": "440113********5315", "name": "王小明"]
        let json = String(decoding: row.serialized(), as: UTF8.self).replacingOccurrences(of: "\"", with: "\"\"")
        let path = try write("\u{FEFF}身份证,姓名,备注\r\n440113********5315,\"王, 小明\",\"two\nlines\"\n\n_x,\"\(json)\",abcd\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try LeakFile.read(path: path)
        #expect(file.format == .csv && file.columns == ["身份证", "姓名", "备注"] && file.rows.count == 2 && file.unreadable == 0)
        #expect(file.rows[0].values == ["440113********5315", "王, 小明", "two\nlines"] && file.rows[0].line == 2)
        #expect(file.rows[1].line == 5 && file.rows[1].values == ["440113********5315", "王小明", "abcd"], "\(file.rows[1].values)")
        #expect(file.rows[1].digests.contains(SHA256Digest.hex(SHA256Digest.hash(row.serialized()))))
    }

    @Test func jsonLinesDigestsIgnoreTheSubscribersMembers() throws {
        let delivered: Row = ["citizen_id": "440113********5315", "status": "married"]
        var line = Row(["_id": "marriage/x/1", "_grant": "g-1"].map { Row.Field(name: $0.key, value: .string($0.value)) }.sorted { $0.name < $1.name })
        for field in delivered.fields { line[field.name] = field.value }
        let path = try write(String(decoding: line.serialized(), as: UTF8.self) + "\nnot json\n" + String(decoding: delivered.serialized(), as: UTF8.self) + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try LeakFile.read(path: path)
        let digest = SHA256Digest.hex(SHA256Digest.hash(delivered.serialized()))
        #expect(file.format == .jsonl && file.rows.count == 2 && file.unreadable == 1)
        #expect(file.rows.allSatisfy { $0.digests.contains(digest) })
        #expect(file.rows[0].values.contains("marriage/x/1") && file.rows[0].values.contains("married"))
    }

    @Test func theRowLimitBoundsWhatIsRead() throws {
        let path = try write("a,b\n" + (0..<50).map { "value-\($0),other-\($0)\n" }.joined())
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try LeakFile.read(path: path, limit: 10)
        #expect(file.rows.count == 10 && file.truncated && file.limit == 10)
        #expect(try LeakFile.read(path: path, limit: 50).truncated == false)
        #expect(try LeakFile.read(path: path, header: false).rows.count == 51)
    }

    @Test func badInputIsRefusedWithTheFix() throws {
        #expect(throws: AuditInputError.self) { try LeakFile.read(path: "/nonexistent/leak.csv") }
        let empty = try write("\n\n")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(throws: AuditInputError.self) { try LeakFile.read(path: empty) }
    }

    @Test func shortNumbersBooleansAndShortValuesAreNotCandidatesButChineseNamesAre() {
        let row = LeakedRow(line: 1, values: ["1985", "true", "abc", "12.5", "panyu", "440113********5315", "panyu", "男", "王伟"])
        #expect(row.values == ["panyu", "440113********5315", "王伟"])
        #expect(LeakValue.isPseudonym(String(repeating: "a1", count: 32)) && !LeakValue.isPseudonym("A1"))
    }
}
