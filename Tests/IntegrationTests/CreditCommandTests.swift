import Foundation
import ShuniuCredit
import ShuniuModel
import ShuniuSQLite
import Testing

/// `shuniu credit ...` as a user runs it: separate processes on a private broker.
@Suite("shuniu credit commands", .serialized)
struct CreditCommandTests {
    let catalog = TestBroker.root.appendingPathComponent("topics").path

    /// Runs `shuniu credit <arguments>`; returns the exit code and everything printed.
    func credit(_ arguments: [String], broker: TestBroker, library: String) throws -> (code: Int32, output: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-credit-cli-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let pid = try ChildProcess.spawn([ShuniuBinary.url.path, "credit"] + arguments,
                                         environment: ["KAFKA_BOOTSTRAP": broker.bootstrap, "SHUNIU_CREDIT_LIBRARY": library,
                                                       "SHUNIU_SECRET": RouterHarness.secretText], output: output)
        let code = ChildProcess.wait(pid)
        return (code, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }

    /// `shuniu identity create PARTY`: a registered key file for `party` in `directory`.
    func identity(_ party: String, broker: TestBroker, in directory: String) throws -> String {
        let path = "\(directory)/\(party).key"
        let pid = try ChildProcess.spawn([ShuniuBinary.url.path, "identity", "create", party, "--out", path],
                                         environment: ["KAFKA_BOOTSTRAP": broker.bootstrap, "SHUNIU_SECRET": RouterHarness.secretText])
        #expect(ChildProcess.wait(pid) == 0)
        return path
    }

    @Test func objectionFlowFromTheCommandLine() async throws {
        let broker = try TestBroker()
        let city = try await CreditCity(broker: broker, persons: 400, entities: 80)
        try await city.publish(city.events)
        let files = try LibraryFile()
        let library = files.path
        let catalogue = ["--catalog", catalog]
        #expect(try credit(["project", "--until-end"] + catalogue, broker: broker, library: library).code == 0)

        let day = CalendarDate(iso: "2026-03-04")!
        let store = try SQLiteCreditStore(path: library, catalogue: city.catalogue)
        let penalties = try Set(city.events.filter { $0.theme == "administrative-penalties" }.map(\.subject)).sorted()
            .compactMap { try store.record("administrative-penalties/\($0)") }.filter { !$0.publicityEnded(on: day) }
        let record = try #require(penalties.first)
        let show = ["show", record.subject, "--on", "2026-03-04", "--json"] + catalogue
        #expect(try credit(show, broker: broker, library: library).output.contains("\"record\":\"\(record.id)\""))

        let stranger = try #require(try store.subjects().first { $0 != record.subject })
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-credit-keys-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: keys) }
        let strangerKey = try identity(stranger, broker: broker, in: keys)
        let subjectKey = try identity(record.subject, broker: broker, in: keys)
        let taxKey = try identity("tax", broker: broker, in: keys)
        let justiceKey = try identity("justice", broker: broker, in: keys)
        let refused = try credit(["object", "--key", strangerKey, "--record", record.id, "--reason", "x"] + catalogue, broker: broker, library: library)
        #expect(refused.code != 0 && refused.output.contains("only its subject may object"))
        let filed = try credit(["object", "--key", subjectKey, "--record", record.id, "--reason", "罚款已缴纳",
                                "--at", "2026-03-02T09:00:00Z"] + catalogue, broker: broker, library: library)
        #expect(filed.code == 0 && filed.output.contains("must decide by 2026-03-23"))
        let objection = try #require(filed.output.split(separator: " ").dropFirst(2).first.map(String.init))
        #expect(try credit(["project", "--until-end"] + catalogue, broker: broker, library: library).code == 0)

        #expect(!(try credit(show, broker: broker, library: library).output.contains(record.id)))
        let authorised = try credit(show + ["--as", "tax"], broker: broker, library: library).output
        #expect(authorised.contains("\"record\":\"\(record.id)\"") && authorised.contains("\"disputed\":true"))
        #expect(try credit(["objections", "--overdue", "--on", "2026-03-23"] + catalogue, broker: broker, library: library).output
            .hasPrefix("0 objection(s)"))
        #expect(try credit(["objections", "--overdue", "--on", "2026-03-24"] + catalogue, broker: broker, library: library).output
            .contains(objection))

        let wrong = try credit(["resolve", objection, "--reject", "stands", "--key", taxKey] + catalogue, broker: broker, library: library)
        #expect(wrong.code != 0 && wrong.output.contains("only justice"))
        #expect(try credit(["resolve", objection, "--uphold", "--reject", "x", "--key", justiceKey] + catalogue, broker: broker, library: library).code != 0)
        #expect(try credit(["resolve", objection, "--reject", "the decision stands", "--key", justiceKey, "--at", "2026-03-05T09:00:00Z"] + catalogue,
                           broker: broker, library: library).code == 0)
        #expect(try credit(["project", "--until-end"] + catalogue, broker: broker, library: library).code == 0)
        let after = try credit(show, broker: broker, library: library).output
        #expect(after.contains("\"record\":\"\(record.id)\"") && after.contains("\"objection\":\"rejected\""))

        // The library rebuilt from the topics by another run has the same digest; an altered one does not.
        let other = try LibraryFile()
        #expect(try credit(["project", "--until-end"] + catalogue, broker: broker, library: other.path).code == 0)
        let digests = try [library, other.path].map { path in
            try credit(["status"] + catalogue, broker: broker, library: path).output.split(separator: "\n").first { $0.hasPrefix("digest ") }
        }
        #expect(digests[0] != nil && digests[0] == digests[1])
        let rebuild = try credit(["rebuild"] + catalogue, broker: broker, library: library)
        #expect(rebuild.code == 0 && rebuild.output.contains("= live library"))
        try SQLiteDatabase(path: library).run("UPDATE records SET subject = 'X' WHERE id = ?1", [.text(record.id)])
        let altered = try credit(["rebuild"] + catalogue, broker: broker, library: library)
        #expect(altered.code == 2 && altered.output.contains("≠ live library"))
    }
}
