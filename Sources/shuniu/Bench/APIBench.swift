import Foundation
import Logging
import ServiceLifecycle
import ShuniuAPI
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel
import ShuniuStreams

/// Person look-ups per second and their latency through `shuniu serve` over loopback, with
/// a real HTTP load tool (wrk), grants enforced, masking and the access audit on: a library
/// of `persons` persons (household registration and marriage each), one department with two
/// grants, every request a different person.
struct APIBench {
    let client: KafkaClientConfig
    let catalogue: Catalogue
    let persons: Int
    let duration: Int
    let connections: Int
    let threads: Int
    /// wrk runs measured after the baseline (min and median reported).
    var rounds = 3

    func run() async throws {
        guard let wrk = Self.which("wrk") else {
            throw BenchError(message: "wrk is not installed; `apt-get install -y wrk` (Debian) or `brew install wrk`")
        }
        let stamp = Int(Date().timeIntervalSince1970)
        let folder = URL(fileURLWithPath: ".shuniu/bench-api-\(stamp)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        Console.say("shuniu bench api: \(persons) persons, wrk \(threads) threads × \(connections) connections for \(duration) s, 2 grants (masks), access audit on, broker \(client.bootstrapServers)")

        let ids = (0..<persons).map { n in
            CitizenID.make(region: "440106", year: 1950 + n / 336 % 60, month: 1 + n / 28 % 12, day: 1 + n % 28,
                           sequence: n / 20_160 % 1000).value  // distinct for n < 20 160 000
        }
        try fillLibrary(folder.appendingPathComponent("library.sqlite").path, ids: ids)
        let keys = try APIKeyStore(path: folder.appendingPathComponent("keys.sqlite").path)
        let key = try keys.issue(department: "housing-construction", label: "bench", at: "\(stamp)")
        let grants = try await grant(stamp: stamp)

        var config = APIConfig()
        config.secret = BenchGrants.secret
        config.port = 0
        config.client = client
        config.keysPath = folder.appendingPathComponent("keys.sqlite").path
        config.consentsPath = folder.appendingPathComponent("consents.sqlite").path
        config.instance = "bench-\(stamp)"
        var logger = ServiceLogging.logger("shuniu.bench.api")
        if ProcessInfo.processInfo.environment["SHUNIU_LOG_LEVEL"] == nil { logger.logLevel = .error }
        let listening = AsyncStream<Int>.makeStream()
        let service = try await APIService(config: config, catalogue: catalogue,
                                           library: try SQLiteLibraryReader(path: folder.appendingPathComponent("library.sqlite").path),
                                           logger: logger) { port in listening.continuation.yield(port) }
        let group = ServiceGroup(configuration: .init(services: [service], logger: logger))
        let task = Task { try await group.run() }
        var ports = listening.stream.makeAsyncIterator()
        guard let port = await ports.next() else { throw BenchError(message: "the API did not start") }

        let script = folder.appendingPathComponent("persons.lua")
        try PrivateFile.write(Data(Self.luaScript(key: key.text, ids: ids).utf8), to: script.path)  // holds the key: 0600
        // Baseline: the same requests with a wrong check character, answered 400 after the key
        // check and ID validation, before the library and the audit: the HTTP stack's ceiling.
        let baselineScript = folder.appendingPathComponent("invalid.lua")
        try PrivateFile.write(Data(Self.luaScript(key: key.text, ids: ids.map { String($0.dropLast()) + ($0.last == "0" ? "1" : "0") }).utf8),
                              to: baselineScript.path)
        let url = "http://127.0.0.1:\(port)"
        let load = ["-t\(threads)", "-c\(connections)", "-d\(duration)s", "--latency", "-s"]
        Console.say("warm-up 2 s ...")
        _ = try Self.execute(wrk, ["-t1", "-c8", "-d2s", "-s", script.path, url])
        Console.say("baseline \(duration) s (bad check character: 400 before library and audit) ...")
        let baseline = WrkFigures(try Self.execute(wrk, load + [baselineScript.path, url]))
        var rounds = BenchRounds()
        var last = ""
        for round in 1...self.rounds {
            let auditedBefore = await service.runtime.audit.log.written
            Console.say("round \(round): measuring \(duration) s ...")
            let cpuBefore = ProcessCPU.seconds()
            let output = try Self.execute(wrk, load + [script.path, url])
            let cpu = ProcessCPU.seconds() - cpuBefore
            let audited = await service.runtime.audit.log.written - auditedBefore
            let figures = WrkFigures(output)
            let cpuPerLookup = figures.requests > 0 ? cpu / Double(figures.requests) * 1_000_000 : 0
            Console.say(String(format: "round %d: api %@ person look-ups/s, p50 %@, p99 %@, %.1f µs API CPU per look-up (%d requests, %d non-2xx, %d access records written)",
                               round, Console.grouped(figures.rate) as NSString, figures.p50 as NSString, figures.p99 as NSString,
                               cpuPerLookup, figures.requests, figures.errors, audited))
            rounds.add("api look-ups/s", figures.rate)
            if let p99 = figures.p99Milliseconds { rounds.add("api p99 ms", p99) }
            rounds.add("api CPU µs/look-up", cpuPerLookup)
            if figures.requests == 0 { last = output }
        }
        await group.triggerGracefulShutdown()
        try await task.value
        try await revoke(grants)

        for line in rounds.lines(format: { name, value in name.hasSuffix("/s") ? Console.grouped(value) : String(format: "%.2f", value) }) {
            Console.say(line)
        }
        Console.say(String(format: "baseline %@ req/s, p50 %@, p99 %@ (same key and IDs with a bad check character: HTTP stack, key check, validation, error JSON)",
                           Console.grouped(baseline.rate) as NSString, baseline.p50 as NSString, baseline.p99 as NSString))
        let rate = rounds.summary("api look-ups/s")?.median ?? 0
        let p99 = rounds.summary("api p99 ms")?.median ?? .infinity
        Console.say("goal     >= 10 000 req/s at p99 < 5 ms (medians): \(rate >= 10_000 && p99 < 5 ? "met" : "not met")")
        if !last.isEmpty { Console.say(last) }
    }

    /// Each person: a household registration (district by turn) and a marriage.
    private func fillLibrary(_ path: String, ids: [String]) throws {
        let store = try SQLiteLibraryStore(path: path, bulk: true)
        let districts = ["yuexiu", "liwan", "haizhu", "tianhe", "baiyun", "panyu"]
        for start in stride(from: 0, to: ids.count, by: 10_000) {
            var changes: [SliceChange] = []
            for n in start..<min(start + 10_000, ids.count) {
                let id = ids[n]
                let household = #"{"citizen_id":"\#(id)","name":"陈思远","sex":"\#(n % 2 == 0 ? "female" : "male")","birth_date":"1980-01-01","address":"天河区天河路\#(n % 999)号","district":"\#(districts[n % districts.count])","household_id":"H\#(n / 3)","registration_status":"active"}"#
                let marriage = #"{"citizen_id":"\#(id)","name":"陈思远","status":"married","spouse_citizen_id":"\#(ids[(n + 1) % ids.count])","registered_on":"2010-05-01"}"#
                for (theme, row) in [("household-registration", household), ("marriage", marriage)] {
                    changes.append(SliceChange(library: .person, subject: id, theme: theme, sequence: 1, row: Array(row.utf8),
                                               lineage: Lineage(department: catalogue.theme(theme)!.provider, eventID: "bench/\(theme)/\(n)",
                                                                sequence: 1, eventTime: "2025-06-01T08:00:00Z", source: "src.\(theme)/0/\(n)")))
                }
            }
            _ = try store.apply(ProjectionBatch(changes: changes))
            Console.progress("library \(min(start + 10_000, ids.count))/\(ids.count) persons")
        }
        Console.endProgress()
    }

    /// Two grants of the housing bureau (approved at once: both themes are unconditional).
    private func grant(stamp: Int) async throws -> [String] {
        let applications = [
            GrantApplication(subscriber: "housing-construction", theme: "household-registration", function: "housing-security",
                             basis: "shuniu bench api", fields: ["name", "address", "district", "registration_status"],
                             masks: ["citizen_id": "partial"]),
            GrantApplication(subscriber: "housing-construction", theme: "marriage", function: "housing-security",
                             basis: "shuniu bench api", fields: ["status", "spouse_citizen_id"],
                             masks: ["citizen_id": "pseudonym", "spouse_citizen_id": "pseudonym"]),
        ]
        return try await BenchGrants(client: client, catalogue: catalogue).apply(applications) { "g-bench-api-\(stamp)-\($0)" }
    }

    private func revoke(_ ids: [String]) async throws {
        try await BenchGrants(client: client, catalogue: catalogue).revoke(ids)
    }

    /// A wrk script: `Authorization` and a different person each request (round robin per thread).
    static func luaScript(key: String, ids: [String]) -> String {
        """
        local ids = {\(ids.map { "\"\($0)\"" }.joined(separator: ","))}
        local n = 0
        wrk.headers["Authorization"] = "Bearer \(key)"
        init = function(args) n = math.random(#ids) end
        request = function()
          n = n % #ids + 1
          return wrk.format("GET", "/v1/persons/" .. ids[n])
        end
        """
    }

    static func which(_ tool: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(folder)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func execute(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// The figures of wrk's `--latency` report.
struct WrkFigures {
    var rate = 0.0
    var requests = 0
    var errors = 0
    var p50 = "?"
    var p99 = "?"

    init(_ output: String) {
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = words.first else { continue }
            if first == "Requests/sec:", words.count > 1 { rate = Double(words[1]) ?? 0 }
            if first == "50%", words.count > 1 { p50 = String(words[1]) }
            if first == "99%", words.count > 1 { p99 = String(words[1]) }
            if line.contains("requests in"), let count = Int(first) { requests = count }
            if line.contains("Non-2xx"), let last = words.last, let count = Int(last) { errors = count }
        }
    }

    /// p99 in milliseconds (wrk prints us, ms or s).
    var p99Milliseconds: Double? {
        for (suffix, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where p99.hasSuffix(suffix) {
            return Double(p99.dropLast(suffix.count)).map { $0 * scale }
        }
        return nil
    }
}
