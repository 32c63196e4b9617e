import ShuniuLibraries
import ShuniuModel
import Testing

@Suite("Library records")
struct LibraryRecordTests {
    @Test func slicesAreSortedByThemeAndFoundByName() throws {
        let lineage = Lineage(department: "civil-affairs", eventID: "e", sequence: 1, eventTime: "2020-01-01T00:00:00Z", source: "src.marriage/0/0")
        let record = LibraryRecord(library: .person, subject: "x", slices: [
            ThemeSlice(theme: "marriage", row: try Row.parse(bytes: Array(#"{"status":"married"}"#.utf8)), lineage: lineage),
            ThemeSlice(theme: "birth", row: try Row.parse(bytes: Array(#"{"sex":"F"}"#.utf8)), lineage: lineage),
        ])
        #expect(record.slices.map(\.theme) == ["birth", "marriage"])
        #expect(record.slice("marriage")?.row["status"]?.stringValue == "married")
        #expect(record.slice("death") == nil)
    }
}
