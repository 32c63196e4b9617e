import ShuniuAudit
import ShuniuModel
import ShuniuRouter
import Testing

/// `LeakTracer`: rows cut from deliveries (shuffled, columns dropped, renamed) are traced to the
/// department and grant that received them; fabricated rows to nobody.
@Suite struct LeakTracerTests {
    static let keys = PseudonymKeys(secret: AuditFixtures.secret, departments: ["civil-affairs", "panyu-grid-centre"])
    static let partial = try! MaskRule(parsing: "partial")
    static let pseudonym = try! MaskRule(parsing: "pseudonym")

    /// A person of a small city: a clear row of household registration.
    struct Person {
        var id: String
        var name: String
        var address: String
        var district: String
        var birth: String
    }

    static let people: [Person] = (0..<60).map { n in
        Person(id: AuditFixtures.person(n), name: "姓名\(n)号", address: "广州市番禺区市桥街\(n * 7 + 3)号",
               district: AuditFixtures.districts[n % 3], birth: "19\(60 + n % 30)-0\(1 + n % 9)-1\(n % 10)")
    }

    /// civil-affairs (g-civil): citizen_id partially masked, name, address, district.
    static func civil(_ person: Person, version: Int = 1) -> TracedDelivery {
        let row: Row = ["citizen_id": partial.apply(to: .string(person.id), key: keys.key(for: "civil-affairs"))!,
                        "name": .string(person.name), "address": .string(person.address), "district": .string(person.district)]
        return delivery("civil-affairs", "g-civil", person, row, version: version)
    }

    /// panyu-grid-centre (g-grid): citizen_id as its pseudonym, name, district, birth year.
    static func grid(_ person: Person) -> TracedDelivery {
        let row: Row = ["citizen_id": pseudonym.apply(to: .string(person.id), key: keys.key(for: "panyu-grid-centre"))!,
                        "name": .string(person.name), "district": .string(person.district), "birth_year": .string(String(person.birth.prefix(4)))]
        return delivery("panyu-grid-centre", "g-grid", person, row)
    }

    static func delivery(_ department: String, _ grant: String, _ person: Person, _ row: Row, version: Int = 1) -> TracedDelivery {
        TracedDelivery(department: department, grant: grant, basis: "basis of \(grant)", theme: "household-registration",
                       subject: person.id, recordKey: keys.pseudonym(person.id, for: department),
                       event: "household-registration/\(person.id)/\(version)", eventTime: "2025-03-1\(version)T08:00:00Z",
                       deliveredAt: 1_760_000_000_000 + Int64(version) * 1_000, source: "src.household-registration/0/\(version)",
                       row: row, sha256: SHA256Digest.hex(SHA256Digest.hash(row.serialized())))
    }

    /// Every person delivered to both departments.
    static func tracer(_ rows: [LeakedRow]) -> LeakTracer {
        var tracer = LeakTracer(rows: rows)
        for person in people {
            tracer.add(civil(person))
            tracer.add(grid(person))
        }
        return tracer
    }

    /// A leaked row: some delivered row's values with `drop` columns removed.
    static func cut(_ delivery: TracedDelivery, line: Int, drop: Set<String>) -> LeakedRow {
        LeakedRow(line: line, values: delivery.row.fields.filter { !drop.contains($0.name) }.compactMap { LeakValue.text($0.value) })
    }

    @Test func aShuffledFileWithAColumnDroppedIsTracedToItsDepartmentAndGrant() throws {
        var random = SystemRandomNumberGenerator()
        let rows = Self.people.prefix(30).shuffled(using: &random).enumerated().map { line, person in
            Self.cut(Self.civil(person), line: line + 2, drop: ["address"])
        }
        let report = Self.tracer(rows).report(file: "leak.csv", format: .csv)
        #expect(report.rows == 30 && report.traced == 30 && report.unmatched == 0 && report.ambiguous == 0)
        #expect(report.departments == ["civil-affairs"])
        let source = try #require(report.sources.first)
        #expect(source.grant == "g-civil" && source.rows == 30 && source.onlyHere == 30 && source.byValues == 30)
        #expect(source.themes == ["household-registration"] && source.basis == "basis of g-civil")
        #expect(source.firstDelivered == "2025-10-09T08:53:21Z" && source.firstEvent == "2025-03-11T08:00:00Z")
    }

    @Test func aMixOfTwoDepartmentsIsTracedToBoth() {
        let rows = (0..<10).map { Self.cut(Self.civil(Self.people[$0]), line: $0 + 1, drop: ["district"]) }
            + (10..<14).map { Self.cut(Self.grid(Self.people[$0]), line: $0 + 1, drop: ["birth_year"]) }
        let report = Self.tracer(rows.shuffled()).report(file: "mix.jsonl", format: .jsonl)
        #expect(report.traced == 14 && report.unmatched == 0)
        #expect(report.departments == ["civil-affairs", "panyu-grid-centre"])
        #expect(report.sources.map(\.rows) == [10, 4])
        #expect(report.sources.map(\.grant) == ["g-civil", "g-grid"])
        #expect(report.sources[1].byPseudonym == 4)
    }

    @Test func fabricatedRowsMatchNobody() {
        let rows = (0..<20).map { n in
            LeakedRow(line: n + 1, values: ["440113********\(9000 + n)", "假名\(n)号", "深圳市南山区某路\(n)号", "panyu", "1975-03-12"])
        }
        let report = Self.tracer(rows).report(file: "fake.csv", format: .csv)
        #expect(report.traced == 0 && report.unmatched == 20 && !report.isTraced && report.sources.isEmpty)
        #expect(report.unmatchedLines == Array(1...20))
    }

    @Test func aPseudonymColumnAloneIdentifiesTheDepartment() throws {
        let rows = (0..<5).map { n in
            LeakedRow(line: n + 1, values: [Self.keys.pseudonym(Self.people[n].id, for: "panyu-grid-centre")])
        }
        let report = Self.tracer(rows).report(file: "ids.csv", format: .csv)
        #expect(report.traced == 5 && report.departments == ["panyu-grid-centre"])
        #expect(try #require(report.sources.first).byPseudonym == 5)
        // The same person's pseudonym for another department is another value: it matches nothing.
        let other = LeakedRow(line: 1, values: [Self.keys.pseudonym(Self.people[0].id, for: "tax")])
        #expect(Self.tracer([other]).report(file: "x", format: .csv).traced == 0)
    }

    @Test func oneDistinctiveValueIsNotEnoughAndCommonValuesDoNotCount() {
        // A name alone; a name with a district shared by 20 people: neither qualifies.
        let rows = [LeakedRow(line: 1, values: [Self.people[3].name]),
                    LeakedRow(line: 2, values: [Self.people[4].name, Self.people[4].district])]
        let report = Self.tracer(rows).report(file: "thin.csv", format: .csv)
        #expect(report.traced == 0)
    }

    @Test func aRowDeliveredByteForByteMatchesItsDigest() throws {
        let delivery = Self.civil(Self.people[7])
        let row = LeakedRow(line: 1, object: delivery.row, bytes: delivery.row.serialized())
        var tracer = LeakTracer(rows: [row])
        tracer.add(Self.civil(Self.people[6]))
        tracer.add(delivery)
        tracer.add(delivery)   // routed twice after a restart: counted once
        let report = tracer.report(file: "raw.jsonl", format: .jsonl)
        #expect(report.traced == 1 && report.sources.first?.byDigest == 1 && report.rowTraces.first?.match == .digest)
        #expect(report.rowTraces.first?.events == [delivery.event])
    }

    @Test func theVersionHoldingTheLeakedValuesIsTheOneReported() {
        var moved = Self.people[9]
        let before = Self.civil(moved, version: 1)
        moved.address = "广州市天河区新地址9号"
        let after = Self.civil(moved, version: 2)
        var tracer = LeakTracer(rows: [Self.cut(after, line: 1, drop: [])])
        tracer.add(before)
        tracer.add(after)
        let report = tracer.report(file: "v.csv", format: .csv)
        #expect(report.rowTraces.first?.events == [after.event])
    }
}
