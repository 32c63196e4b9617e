import Foundation
import Testing

@Suite("The main command: shuniu demo in its short mode", .serialized)
struct DemoTests {
    @Test func theTourShowsTheWholeHubWorking() throws {
        let broker = try TestBroker()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-demo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: state) }
        let output = state.appendingPathComponent("demo.out").path
        let pid = try ChildProcess.spawn([ShuniuBinary.url.path, "demo", "--persons", "2000", "--entities", "200", "--once",
                                          "--port", "0", "--state", state.path, "--bootstrap", broker.bootstrap,
                                          "--catalog", TestBroker.root.appendingPathComponent("topics").path],
                                         environment: ["SHUNIU_LOG_LEVEL": "error"], output: output)
        let status = ChildProcess.wait(pid)
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        #expect(status == 0, "demo exited \(status):\n\(text.suffix(3_000))")
        let lines = text.split(separator: "\n").map(String.init)
        func line(_ prefix: String) -> String? { lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) } }
        func number(after marker: String, in line: String?) -> Int? {
            guard let line, let range = line.range(of: marker) else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }

        #expect(line("1. catalogue: 28 departments, 39 themes") != nil)
        let publishedLine = try #require(lines.first { $0.contains("records published, plus one forged") })
        let count = try #require(Int(publishedLine.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber }))
        #expect(number(after: "the router read ", in: line("6. exchange totals")) == count + 1)
        #expect(line("rejected into dlq.<theme>, not-authoritative: 1") != nil)
        #expect(lines.filter { $0.contains(" — ") && $0.contains("HTTP 200") }.count == 3)
        #expect(line("without a key: HTTP 401") != nil)
        let housing = try #require(lines.firstIndex { $0.contains("housing-construction — marriage") })
        #expect(lines[housing + 1].contains("\"spouse_citizen_id\":\"") && lines[housing + 1].contains("********"))
        #expect(!lines[housing + 1].contains("\"name\""), "housing is not granted names")
        let grid = try #require(lines.firstIndex { $0.contains("panyu-grid-centre — household registration") })
        #expect(lines[grid + 1].contains("\"district\":\"panyu\""))
        #expect(number(after: "person library: ", in: line("person library:")) == 2000)
        #expect(line("data comparison (shuniu quality): 0 inconsistencies") != nil)
        #expect((number(after: "): ", in: line("9. open data")) ?? 0) > 0)
        #expect(line("10. e-licences") != nil)
        #expect(lines.filter { $0.contains("   issued ") }.count == 2, "a disability certificate and a business licence")
        #expect(line("POST /v1/licences/verify (no key), the certificate: valid") != nil)
        #expect(line("the same in its compact form")?.contains("): valid") == true)
        #expect(line("a copy with disability_grade changed to 1: tampered") != nil)
        #expect(line("civil-affairs reads")?.hasSuffix("without consent: 403 consent-required") == true)
        #expect(line("with the holder's consent")?.contains("200, 1 licence(s), valid") == true)
        #expect(line("the same consent code again: 403 consent-used") != nil)
        #expect(line("shuniu audit who-received")?.contains("with consent c-") == true)
        #expect(line("11. audit.exchange:")?.hasSuffix("intact") == true)
        #expect(line("11. audit.access:")?.hasSuffix("intact") == true)
        #expect(lines.contains { $0.contains("curl -s -H \"Authorization: Bearer shk_") })
        // The portal's address and a key for each kind of user.
        #expect(line("12. the web portal: http://")?.hasSuffix("/portal (Chinese; English with the switch in the header)") == true)
        for user in ["department staff, housing-construction", "department staff, human-resources-social-security",
                     "grid worker, panyu-grid-centre", "operators (ops view)"] {
            #expect(line(user)?.contains(": shk_") == true, "\(user)")
        }
        #expect(line("citizen ")?.contains("(my data use record): shk_") == true)
        broker.stop()
    }
}
