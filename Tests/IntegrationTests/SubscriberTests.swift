import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuSQLite
import ShuniuStreams
import ShuniuSubscriber
import Testing

/// `shuniu subscribe` against a broker of its own: kill -9 while the stream flows, restarts,
/// refusals of records that did not come through the router.
@Suite(.serialized) struct SubscriberTests {
    let catalogue = RoutingScenario.catalogue

    func prepare() async throws -> (TestBroker, URL) {
        let broker = try TestBroker()
        _ = try await TopicPlanner(admin: KafkaAdmin(client: broker.client)).apply(catalogue)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sub-it-\(broker.port)")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (broker, directory)
    }

    /// The dedupe keys of a JSON Lines output, in file order.
    func keys(ofLines path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            let row = try Row.parse(bytes: Array(line.utf8))
            return "\(row["_grant"]?.stringValue ?? "")\t\(row["_id"]?.stringValue ?? "")"
        }
    }

    /// Lines in a file so far (0 when it does not exist yet).
    func lineCount(_ path: String) -> Int {
        FileManager.default.contents(atPath: path).map { $0.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } } ?? 0
    }

    func mirrorRows(_ path: String) throws -> [String: (Int64, String)] {
        var rows: [String: (Int64, String)] = [:]
        for row in try SQLiteDatabase(path: path, readOnly: true).query("SELECT subject, ce_sequence, row FROM marriage") {
            rows[row[0].text!] = (row[1].integer!, row[2].text!)
        }
        return rows
    }

    @Test func killedSubscribersLoseNothingAndWriteNothingTwice() async throws {
        let (broker, directory) = try await prepare()
        let stream = SubscriberStream(seed: 21, count: 40_000)
        let file = directory.appendingPathComponent("civil-affairs.jsonl").path
        let mirror = directory.appendingPathComponent("centre.sqlite").path
        let log = directory.appendingPathComponent("subscribers.log").path
        let targets: [(department: String, output: [String])] = [
            ("civil-affairs", ["--out", file]),
            ("household-economic-check-centre", ["--into", mirror]),
        ]
        let half = stream.events.count / 2
        for target in targets {
            try await stream.produce(to: target.department, client: broker.client, range: 0..<half)
        }
        var pids = try targets.map { try SubscriberProcess.start(broker, department: $0.department, output: $0.output, follow: true, log: log) }
        async let rest: Void = {
            for target in targets {
                try await stream.produce(to: target.department, client: broker.client, range: half..<stream.events.count)
            }
        }()
        // A restarted member joins once the killed one's session (6 s) has expired. Each run is
        // killed at a random moment shortly after it has written something of its own, so the
        // kills hit runs at work however busy the machine is.
        var random = ScenarioRandom(seed: UInt64(Date().timeIntervalSince1970))
        var linesAtKill: [Int] = []
        for round in 0..<4 {
            let before = linesAtKill.last ?? 0
            let patience = ContinuousClock.now + .seconds(60)
            while lineCount(file) <= before && ContinuousClock.now < patience {
                try await Task.sleep(for: .milliseconds(100))
            }
            try await Task.sleep(for: .milliseconds(random.int(0..<1_500)))
            for pid in pids { kill(pid, SIGKILL) }
            for pid in pids { #expect(ChildProcess.wait(pid) == 128 + SIGKILL) }
            linesAtKill.append((try? keys(ofLines: file).count) ?? 0)
            if round < 3 {
                pids = try targets.map { try SubscriberProcess.start(broker, department: $0.department, output: $0.output, follow: true, log: log) }
            }
        }
        try await rest
        // The killed runs did part of the work (the kills hit them while writing).
        #expect(linesAtKill.contains { $0 > 0 && $0 < stream.distinctKeys.count }, "lines at each kill: \(linesAtKill)")
        // The last run reads to the end of the stream and stops by itself.
        for target in targets {
            let pid = try SubscriberProcess.start(broker, department: target.department, output: target.output, follow: false, log: log)
            #expect(ChildProcess.wait(pid) == 0, "see \(log)")
        }

        let written = try keys(ofLines: file)
        #expect(written.count == Set(written).count, "a line was written twice")
        #expect(Set(written) == stream.distinctKeys, "lines lost")
        let expected = stream.mirror
        let actual = try mirrorRows(mirror)
        #expect(actual.count == expected.count)
        #expect(actual.keys.sorted() == expected.keys.sorted())
        #expect(actual.allSatisfy { subject, row in expected[subject].map { $0 == row } ?? false }, "the mirror differs from the stream")
        // One version per distinct delivery: the version table's key is the mirror's dedupe.
        let versions = try SQLiteDatabase(path: mirror, readOnly: true).query("SELECT count(*) FROM shuniu_versions").first?.first?.integer
        #expect(versions == Int64(stream.distinctKeys.count))
    }

    @Test func aRecordWithoutTheRouterHeadersIsRefusedLoudly() async throws {
        let (broker, directory) = try await prepare()
        let stream = SubscriberStream(seed: 5, count: 200)
        try await stream.produce(to: "civil-affairs", client: broker.client)
        // Written straight to sub.civil-affairs, bypassing the router: no grant, basis or source.
        var forged = ChangeEvent.upsert(id: "forged-1", source: "civil-affairs", theme: "marriage",
                                        subject: "440113195001010100", time: "2025-01-01T00:00:00Z", sequence: 99,
                                        row: ["citizen_id": "440113195001010100", "name": "冒充"])
        forged.extensions = []
        let producer = try KafkaProducer(config: ProducerConfig(client: broker.client))
        _ = try await producer.send(ProducerRecord(event: forged, topic: Topics.subscriber("civil-affairs")))
        await producer.close()
        try await stream.produce(to: "civil-affairs", client: broker.client)   // every record again: all repeats

        let file = directory.appendingPathComponent("out.jsonl").path
        let log = directory.appendingPathComponent("refused.log").path
        let pid = try SubscriberProcess.start(broker, department: "civil-affairs", output: ["--out", file], follow: false, log: log)
        #expect(ChildProcess.wait(pid) == 3, "refusals end with exit status 3")
        let written = try keys(ofLines: file)
        #expect(written.count == stream.distinctKeys.count)
        #expect(Set(written) == stream.distinctKeys)
        #expect(!written.contains { $0.hasSuffix("forged-1") })
        let said = try String(contentsOfFile: log, encoding: .utf8)
        #expect(said.contains("missing-grant"))
        #expect(said.contains("1 record(s) refused"))
        #expect(said.contains("refused 1"))
        #expect(said.contains("duplicates \(stream.events.count * 2 - stream.distinctKeys.count)"))
    }
}
