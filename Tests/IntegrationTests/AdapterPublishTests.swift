import Foundation
import ShuniuAdapters
import ShuniuKafka
import ShuniuModel
import ShuniuStreams
import Testing

/// `shuniu publish` against the shared test broker: good lines on `src.<theme>`, bad lines in
/// the reject file with their codes, non-providers refused.
@Suite struct AdapterPublishTests {
    @Test func jsonLinesGoodRowsArriveAndBadRowsAreRejectedWithTheirCodes() async throws {
        let fixture = try AdapterFixture()
        try await fixture.createTopic(Broker.client)
        var lines: [String] = []
        for index in 0..<300 {
            let row: Row = ["citizen_id": .string(AdapterFixture.citizenID(index)), "name": .string("王\(index)"),
                            "status": "active", "revision": .number(String(index)), "monthly_allowance": .number("812.50"),
                            "eligible": .bool(index % 2 == 0)]
            lines.append(row.description)
        }
        let badCitizen = String(AdapterFixture.citizenID(7).dropLast()) + (AdapterFixture.citizenID(7).hasSuffix("0") ? "1" : "0")
        let bad: [(String, RejectionCode)] = [
            (#"{"citizen_id":"\#(badCitizen)","name":"x","status":"active","revision":1}"#, .badCitizenID),
            (#"{"citizen_id":"\#(AdapterFixture.citizenID(1))","status":"active","revision":1}"#, .missingField),
            (#"{"citizen_id":"\#(AdapterFixture.citizenID(2))","name":"x","status":"asleep","revision":1}"#, .badEnum),
            (#"{"citizen_id":"\#(AdapterFixture.citizenID(3))","name":"x","status":"active","revision":"one"}"#, .wrongType),
            (#"{"citizen_id":"\#(AdapterFixture.citizenID(4))","name":"x","status":"active","revision":1,"shoe_size":42}"#, .unknownField),
            (#"{"citizen_id": "#, .invalidJSON),
        ]
        var badLines: [Int: RejectionCode] = [:]
        for (index, (line, code)) in bad.enumerated() {
            lines.insert(line, at: 50 * index + 10)
            badLines[50 * index + 11] = code
        }
        var expected: [Int: Row] = [:]
        for (number, line) in lines.enumerated() where badLines[number + 1] == nil {
            expected[number + 1] = try Row.parse(bytes: Array(line.utf8))
        }
        let file = fixture.path("ledger.jsonl")
        try (lines.joined(separator: "\n") + "\n\n").write(toFile: file, atomically: true, encoding: .utf8)

        let started = EventClock.sequenceBase()
        let summary = try await publish(fixture, file: file, batchSize: 100)

        #expect(summary.lines == 306)
        #expect(summary.published == 300)
        #expect(summary.rejected == Dictionary(bad.map { ($0.1, 1) }, uniquingKeysWith: +))
        #expect(try rejectLines(summary.rejectsFile) == badLines)

        let arrivals = Arrivals(try await Broker.readAll(fixture.topic, partitions: 3))
        #expect(arrivals.duplicates == 0 && arrivals.undecodable == 0)
        let events = arrivals.events
        #expect(events.count == 300)
        for event in events {
            let line = Int(event.sequence % EventClock.sequencesPerSecond)
            #expect(event.sequence - Int64(line) >= started, "ce_sequence is the run's second × 10⁹ + the line number")
            #expect(try Row.parse(bytes: event.value) == expected[line], "line \(line) arrives as written")
            #expect(event.source == "civil-affairs" && event.key == event.subject && event.action == .upserted)
            #expect(event.id == "\(fixture.theme.id)/\(event.subject)/\(event.sequence)")
        }
    }

    @Test func csvValuesAreConvertedByFieldTypeAndBadRowsRejected() async throws {
        let fixture = try AdapterFixture()
        try await fixture.createTopic(Broker.client)
        let (a, b, c) = (AdapterFixture.citizenID(11), AdapterFixture.citizenID(12), AdapterFixture.citizenID(13))
        let csv = """
            citizen_id,name,status,revision,monthly_allowance,eligible,decided_on,_op,_sequence
            \(a),"Chen, Jing",active,1,1234.50,true,2026-01-02,,5
            \(b),"He said ""no""
            twice",suspended,2,,0,,upsert,
            \(c),Zhou,closed,3a,10,1,,,
            \(a),,,,,,,delete,6
            \(b),Wu,active,4,12.5,maybe,,,
            \(c),Too,few
            \(c),Sun,active,5,"007.5",false,2026-13-01,,

            """
        let file = fixture.path("ledger.csv")
        try csv.write(toFile: file, atomically: true, encoding: .utf8)

        let summary = try await publish(fixture, file: file)

        #expect(summary.published == 3)
        #expect(summary.rejected == [.wrongType: 3, .badCSV: 1])
        #expect(try rejectLines(summary.rejectsFile) == [5: .wrongType, 7: .wrongType, 8: .badCSV, 9: .wrongType])

        let arrivals = Arrivals(try await Broker.readAll(fixture.topic, partitions: 3))
        let byID = Dictionary(uniqueKeysWithValues: arrivals.events.map { ($0.id, $0) })
        let first = try #require(byID["\(fixture.theme.id)/\(a)/5"])
        #expect(try Row.parse(bytes: first.value) == ["citizen_id": .string(a), "name": "Chen, Jing", "status": "active",
                                                      "revision": 1, "monthly_allowance": .number("1234.50"),
                                                      "eligible": true, "decided_on": "2026-01-02"])
        let second = try #require(arrivals.bySubject[b]?.first)
        #expect(try Row.parse(bytes: second.value) == ["citizen_id": .string(b), "name": "He said \"no\"\ntwice",
                                                       "status": "suspended", "revision": 2, "eligible": false])
        let delete = try #require(byID["\(fixture.theme.id)/\(a)/6"])
        #expect(delete.action == .deleted && delete.value.isEmpty)
    }

    @Test func aDepartmentThatIsNotTheProviderIsRefusedAndToldWhoIs() throws {
        let fixture = try AdapterFixture()
        let options = PublishOptions(department: "tax", theme: fixture.theme.id, file: fixture.path("none.jsonl"))
        #expect {
            try FeedPublisher(catalogue: fixture.catalogue, options: options)
        } throws: { error in
            "\(error)".contains("its one authoritative provider (一数一源) is 'civil-affairs'")
        }
    }

    @Test func aCSVHeaderNamingAnUnknownFieldRefusesTheFile() async throws {
        let fixture = try AdapterFixture()
        try await fixture.createTopic(Broker.client)
        let file = fixture.path("bad-header.csv")
        try "citizen_id,name,shoe_size\n".write(toFile: file, atomically: true, encoding: .utf8)
        await #expect {
            try await publish(fixture, file: file)
        } throws: { error in
            "\(error)".contains("column 3 'shoe_size' is not a field of theme '\(fixture.theme.id)'")
        }
    }

    private func publish(_ fixture: AdapterFixture, file: String, batchSize: Int = 10_000) async throws -> PublishSummary {
        let options = PublishOptions(department: "civil-affairs", theme: fixture.theme.id, file: file, batchSize: batchSize)
        let producer = try KafkaProducer(config: ProducerConfig(client: Broker.client))
        let summary = try await FeedPublisher(catalogue: fixture.catalogue, options: options).publish(with: producer)
        await producer.close()
        return summary
    }

    /// Line number → reason code of each line of a reject file (which repeats personal data: mode 0600).
    private func rejectLines(_ path: String?) throws -> [Int: RejectionCode] {
        guard let path else { return [:] }
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600, "\(path)")
        var result: [Int: RejectionCode] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let row = try Row.parse(bytes: Array(line.utf8))
            let number = try #require(row["line"]?.numberText.flatMap { Int($0) })
            result[number] = try #require(row["code"]?.stringValue.map { RejectionCode(rawValue: $0) })
            #expect(row["message"]?.stringValue?.isEmpty == false && row["original"]?.stringValue != nil)
        }
        return result
    }
}
