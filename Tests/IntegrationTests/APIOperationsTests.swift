import Foundation
import HummingbirdTesting
import ShuniuAPI
import ShuniuKafka
import ShuniuModel
import ShuniuStreams
import Synchronization
import Testing

/// `/v1/stats` behind an ops key and single flight, `/healthz` without detail for the keyless,
/// 405 for a known path's other methods: over a real loopback socket.
@Suite("API operations", .serialized)
struct APIOperationsTests {
    /// Counts the reads of the exchange counts; each read takes `delay`, so concurrent
    /// requests overlap it.
    final class CountingReads: Sendable {
        let count = Mutex(0)
        let delay: Duration
        init(delay: Duration) { self.delay = delay }

        func read(_: KafkaClientConfig, _: Catalogue) async throws -> [String: DepartmentExchange] {
            count.withLock { $0 += 1 }
            try await Task.sleep(for: delay)
            var row = DepartmentExchange()
            row.sourceRecords = 7
            return ["public-security": row]
        }
    }

    @Test("/v1/stats: no key 401, a department's key 403, an ops key 200; an ops key is 403 on a department's route")
    func statsNeedsAnOpsKey() async throws {
        let reads = CountingReads(delay: .zero)
        let fixture = try await APIFixture { $0.readExchangeCounts = reads.read }
        try await fixture.live { client in
            let none = try await client.get("/v1/stats", as: nil)
            #expect(none.status == .unauthorized)
            #expect(none.errorCode == "unauthorized")
            let department = try await client.get("/v1/stats", as: fixture.keys["tax"])
            #expect(department.status == .forbidden)
            #expect(department.errorCode == "forbidden")
            let ops = try await client.get("/v1/stats", as: fixture.opsKey)
            #expect(ops.status == .ok)
            #expect(((ops.json["departments"] as? [String: Any])?["public-security"] as? [String: Any])?["sourceRecords"] as? Int == 7)
            #expect(reads.count.withLock { $0 } == 1, "the refused requests computed nothing")
            let lookup = try await client.get("/v1/persons/\(APIFixture.panyuPerson)", as: fixture.opsKey)
            #expect(lookup.status == .forbidden, "an ops key reads no subject data")
            let grants = try await client.get("/v1/grants", as: fixture.opsKey)
            #expect(grants.status == .forbidden)
        }
    }

    @Test("/v1/stats: 20 concurrent requests cause exactly one computation; a later one within the interval none")
    func statsSingleFlight() async throws {
        let reads = CountingReads(delay: .milliseconds(500))
        let fixture = try await APIFixture { config in
            config.readExchangeCounts = reads.read
            config.statsInterval = .seconds(60)
        }
        let key = fixture.opsKey
        try await fixture.live { client in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 { group.addTask { try await client.get("/v1/stats", as: key).status.code } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 20))
            #expect(reads.count.withLock { $0 } == 1)
            #expect(try await client.get("/v1/stats", as: key).status == .ok)
            #expect(reads.count.withLock { $0 } == 1)
        }
    }

    @Test("/v1/stats: after the interval the counts are computed again")
    func statsInterval() async throws {
        let reads = CountingReads(delay: .zero)
        let fixture = try await APIFixture { config in
            config.readExchangeCounts = reads.read
            // Long enough that two requests in a row fall in one interval on a loaded machine
            // (300 ms was not, in a CI run).
            config.statsInterval = .seconds(5)
        }
        let key = fixture.opsKey
        try await fixture.live { client in
            #expect(try await client.get("/v1/stats", as: key).status == .ok)
            #expect(try await client.get("/v1/stats", as: key).status == .ok)
            #expect(reads.count.withLock { $0 } == 1)
            try await Task.sleep(for: .milliseconds(5_500))
            #expect(try await client.get("/v1/stats", as: key).status == .ok)
            #expect(reads.count.withLock { $0 } == 2)
        }
    }

    @Test("/healthz without an ops key says only ok; with one it names each check")
    func healthWithoutDetail() async throws {
        let fixture = try await APIFixture()
        try await fixture.live { client in
            for key in [nil, fixture.keys["tax"]] {
                let health = try await client.get("/healthz", as: key)
                #expect(health.status == .ok)
                #expect(health.json.keys.sorted() == ["status"])
                #expect(health.json["status"] as? String == "ok")
                #expect(!health.text.contains("topics") && !health.text.contains("library") && !health.text.contains("127.0.0.1"))
            }
            let detail = try await client.get("/healthz", as: fixture.opsKey)
            #expect(detail.status == .ok)
            #expect(detail.json.keys.sorted() == ["broker", "grants", "status", "store"])
            #expect(((detail.json["broker"] as? [String: Any])?["detail"] as? String)?.contains("topics") == true)
        }
    }

    @Test("a method a path does not have is 405 with Allow and the JSON error; an unknown path stays 404")
    func methodNotAllowed() async throws {
        let fixture = try await APIFixture()
        try await fixture.live { client in
            let delete = try await client.execute(uri: "/v1/persons/\(APIFixture.panyuPerson)", method: .delete, headers: [:], body: nil)
            #expect(delete.status == .methodNotAllowed)
            #expect(delete.headers[.allow] == "GET")
            #expect(delete.errorCode == "method-not-allowed")
            let put = try await client.execute(uri: "/v1/grants", method: .put, headers: [:], body: nil)
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "GET, POST")
            let getApprove = try await client.get("/v1/grants/g-1/approve", as: nil)
            #expect(getApprove.status == .methodNotAllowed)
            #expect(getApprove.headers[.allow] == "POST")
            let unknown = try await client.get("/v1/nothing-here", as: nil)
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "no-route")
        }
    }
}
