import Foundation
import ShuniuAPI
import ShuniuLibraries
import ShuniuModel
import Testing

/// The read decision, pure: the repository's catalogue, grant tables built by the workflow.
@Suite("LibraryView")
struct LibraryViewTests {
    static let catalogue = try! CatalogueLoader.load(
        directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../topics").standardizedFileURL)
    static let person = CitizenID.make(region: "440113", year: 1985, month: 3, day: 14, sequence: 124).value
    static let today = CalendarDate(iso: "2026-06-01")
    static let keys = PseudonymKeys(secret: .ephemeral(), departments: [])

    static func table(_ applications: [GrantApplication]) throws -> GrantTable {
        var table = GrantTable()
        let workflow = GrantWorkflow(catalogue: catalogue)
        for (index, application) in applications.enumerated() {
            for event in try workflow.apply(application, id: "g-\(index)", at: "2026-01-01T00:00:0\(index)Z", table: table) {
                #expect(table.apply(event, catalogue: catalogue) == nil)
            }
        }
        return table
    }

    static func record(district: String) throws -> LibraryRecord {
        let row = try Row.parse(bytes: Array(#"{"citizen_id":"\#(person)","name":"李梅","address":"市桥街1号","district":"\#(district)","registration_status":"active"}"#.utf8))
        return LibraryRecord(library: .person, subject: person, slices: [
            ThemeSlice(theme: "household-registration", row: row,
                       lineage: Lineage(department: "public-security", eventID: "e1", sequence: 1, eventTime: "2025-01-01T00:00:00Z",
                                        source: "src.household-registration/0/7")),
        ])
    }

    /// A city-wide body's application (a district body's grants are always scoped to its own
    /// district, and these tests need an unscoped one).
    static func civil(_ fields: [String], scope: [String: [String]] = [:], until: String? = nil) -> GrantApplication {
        GrantApplication(subscriber: "civil-affairs", theme: "household-registration", function: "social-assistance",
                         basis: "basis", fields: fields, scope: scope, until: until)
    }

    @Test("several grants on one theme: the first applied for whose scope covers the row serves it")
    func firstCoveringGrant() throws {
        let table = try Self.table([Self.civil(["name"], scope: ["district": ["panyu"]]), Self.civil(["address"])])
        for (district, grant, fields) in [("panyu", "g-0", ["citizen_id", "name"]), ("tianhe", "g-1", ["citizen_id", "address"])] {
            let read = LibraryView.read(try Self.record(district: district), library: .person, department: "civil-affairs",
                                        grants: table, catalogue: Self.catalogue, day: Self.today, keys: Self.keys)
            guard case .found(let slices) = read else { Issue.record("expected slices, got \(read)"); continue }
            #expect(slices.map(\.grant.id) == [grant])
            #expect(slices[0].row.names == fields)
            #expect(slices[0].lineage.source == "src.household-registration/0/7")
        }
    }

    @Test("no grant of the caller (others' grants do not count, nor expired ones): denied; outside scope: not found")
    func deniedAndNotFound() throws {
        let table = try Self.table([Self.civil(["name"], scope: ["district": ["panyu"]])])
        let record = try Self.record(district: "tianhe")
        #expect(LibraryView.read(record, library: .person, department: "tax", grants: table, catalogue: Self.catalogue,
                                 day: Self.today, keys: Self.keys) == .denied)
        #expect(LibraryView.read(record, library: .person, department: "civil-affairs", grants: table,
                                 catalogue: Self.catalogue, day: Self.today, keys: Self.keys) == .notFound)
        #expect(LibraryView.read(nil, library: .person, department: "civil-affairs", grants: table,
                                 catalogue: Self.catalogue, day: Self.today, keys: Self.keys) == .notFound)
        // The person grant does not open the entity library.
        #expect(LibraryView.read(nil, library: .entity, department: "civil-affairs", grants: table,
                                 catalogue: Self.catalogue, day: Self.today, keys: Self.keys) == .denied)
        let expired = try Self.table([Self.civil(["name"], until: "2026-05-31")])
        #expect(LibraryView.read(try Self.record(district: "panyu"), library: .person, department: "civil-affairs",
                                 grants: expired, catalogue: Self.catalogue, day: Self.today, keys: Self.keys) == .denied)
    }

    @Test("masks apply exactly as the router delivers (Grant.deliver)")
    func masks() throws {
        var application = Self.civil(["name", "address"])
        application.masks = ["citizen_id": "pseudonym", "name": "partial:1:0"]
        let table = try Self.table([application])
        let record = try Self.record(district: "panyu")
        let read = LibraryView.read(record, library: .person, department: "civil-affairs", grants: table,
                                    catalogue: Self.catalogue, day: Self.today, keys: Self.keys)
        guard case .found(let slices) = read else { Issue.record("expected slices"); return }
        let grant = try #require(table.grant("g-0"))
        #expect(slices[0].row == grant.deliver(record.slices[0].row, keys: Self.keys))
        #expect(slices[0].row["name"] == .string("李*"))
        #expect(slices[0].row["citizen_id"] == .string(Self.keys.pseudonym(Self.person, for: "civil-affairs")))
        #expect(Self.keys.pseudonym(Self.person, for: "panyu-grid-centre") != Self.keys.pseudonym(Self.person, for: "civil-affairs"))
    }
}
