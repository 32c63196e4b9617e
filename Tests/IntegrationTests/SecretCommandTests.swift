import Foundation
import Testing

/// Commands that mask refuse to start without a hub secret, with exit code 78 and the fix.
@Suite struct SecretCommandTests {
    @Test(arguments: [["router"], ["serve", "--port", "0"], ["replay", "--theme", "marriage"]])
    func aCommandThatMasksRefusesToStartWithoutASecret(_ command: [String]) throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(command[0])-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        for environment in [["SHUNIU_SECRET": "", "SHUNIU_SECRET_FILE": ""], ["SHUNIU_SECRET": "too-short", "SHUNIU_SECRET_FILE": ""]] {
            let pid = try ChildProcess.spawn([ShuniuBinary.url.path] + command + ["--bootstrap", "127.0.0.1:1",
                                             "--catalog", TestBroker.root.appendingPathComponent("topics").path],
                                             environment: environment, output: output)
            #expect(ChildProcess.wait(pid) == 78, "\(command[0]) exits 78 (EX_CONFIG)")
        }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        #expect(text.contains("openssl rand -hex 32"))
        #expect(text.contains("at least 32"))
    }
}
