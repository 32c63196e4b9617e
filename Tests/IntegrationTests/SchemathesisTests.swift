import Foundation
import HummingbirdTesting
import ShuniuAPI
import ShuniuOpenData
import Testing

/// schemathesis (PyPI, installed by ops/install.sh) against the running API's own
/// `/openapi.json`, every check, with a department's key, over a library, a credit library and
/// open datasets with real rows: the document must describe exactly what the API answers.
@Suite("API: schemathesis against /openapi.json", .serialized)
struct SchemathesisTests {
    /// The pinned version ops/install.sh installs (its CLI flags are 4.x's).
    static let version = "4.32.5"
    /// Examples per operation and phase, and the seed: bounded and reproducible.
    static let maxExamples = 30
    static let seed = 20261201
    /// The settings and format strategies beside this file.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Schemathesis")

    @Test("schemathesis run --checks all finds no failure")
    func noFailure() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-schemathesis-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (credit, _) = try APICreditOpenDataTests.creditLibrary(at: folder.appendingPathComponent("credit.sqlite").path)
        let snapshots = SnapshotStore(root: folder.appendingPathComponent("open"))
        _ = try snapshots.write("residents-by-district", version: 1,
                                files: [("data.csv", Array("district,count\npanyu,12\ntianhe,9\n".utf8)),
                                        ("data.json", Array(#"[{"district":"panyu","count":12},{"district":"tianhe","count":9}]"#.utf8)),
                                        ("metadata.json", Array(#"{"title":"Residents by district"}"#.utf8))])
        let fixture = try await APIFixture(credit: credit, openData: snapshots)
        let key = try #require(fixture.keys["housing-construction"])
        let log = folder.appendingPathComponent("schemathesis.log").path
        let started = ContinuousClock.now
        let exitCode = try await fixture.live { client in
            let port = try #require(client.port)
            return try await Self.run([
                "--config-file", Self.folder.appendingPathComponent("schemathesis.toml").path,
                "run", "http://127.0.0.1:\(port)/openapi.json",
                "--header", "Authorization: Bearer \(key)",
                "--checks", "all",
                "--max-examples", String(Self.maxExamples),
                "--seed", String(Self.seed),
                // One worker: with two threads, hypothesis parses lambda sources concurrently and
                // CPython 3.11 fails with "AST constructor recursion depth mismatch" (cpython#106905).
                "--workers", "1",
                "--request-timeout", "120",  // a loaded 2-core CI machine once took over 20 s for one step
                "--generation-database", "none",
                "--no-color",
            ], log: log)
        }
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        // The summary (test cases, failures) goes to the test log; the key is sanitised by schemathesis.
        print("schemathesis \(Self.version) ran in \(ContinuousClock.now - started):\n" + output.split(separator: "\n").suffix(25).joined(separator: "\n"))
        #expect(exitCode == 0, "schemathesis reported failures (exit \(exitCode)); its output:\n\(output.suffix(20_000))")
        #expect(output.contains("Test cases:"), "no summary: did schemathesis run at all?\n\(output.suffix(4000))")
    }

    /// Runs `schemathesis ARGS` through the python3 that ops/install.sh installed it for, output
    /// into `log`; waits without blocking a thread of the concurrency pool the server uses.
    static func run(_ arguments: [String], log: String) async throws -> Int32 {
        let launcher = "import sys; from schemathesis.cli import schemathesis; sys.argv[0] = 'schemathesis'; sys.exit(schemathesis())"
        let pid = try ChildProcess.spawn(["/usr/bin/env", "python3", "-c", launcher] + arguments,
                                         environment: ["NO_COLOR": "1", "SCHEMATHESIS_TELEMETRY": "false",
                                                       "SCHEMATHESIS_HOOKS": folder.appendingPathComponent("hooks.py").path],
                                         output: log)
        let deadline = ContinuousClock.now + .seconds(600)
        var status: Int32 = 0
        while ContinuousClock.now < deadline {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F) }
            try await Task.sleep(for: .milliseconds(200))
        }
        kill(pid, SIGKILL)
        _ = ChildProcess.wait(pid)
        Issue.record("schemathesis did not finish within 600 s")
        return -1
    }
}
