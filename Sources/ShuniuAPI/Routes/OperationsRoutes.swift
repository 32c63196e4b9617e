import Hummingbird
import NIOCore
import ShuniuKafka
import ShuniuLibraries
import ShuniuStreams

/// `GET /healthz`, `GET /metrics`, `GET /v1/stats` and `GET /openapi.json`: for operators and
/// tooling. `/v1/stats` needs an ops key (`shuniu keys issue --ops`) and is computed at most once
/// per ``APIConfig/statsInterval`` however many ask; `/healthz` says only ok or not without an
/// ops key, with the detail of each check with one; `/metrics` and `/openapi.json` need no key.
struct OperationsRoutes: RouteGroup {
    let runtime: APIRuntime
    let admin: KafkaAdmin
    /// The exchange counts, single flight.
    private let stats: SingleFlight<Response>
    /// The health checks, single flight for a second (a keyless caller cannot make the API ask
    /// the broker more than once a second).
    private let checks: SingleFlight<Health>

    init(runtime: APIRuntime) throws(KafkaError) {
        self.runtime = runtime
        let admin = try KafkaAdmin(client: runtime.config.client)
        self.admin = admin
        stats = SingleFlight(interval: runtime.config.statsInterval) {
            let rows: [String: DepartmentExchange]
            do {
                rows = try await runtime.config.readExchangeCounts(runtime.config.client, runtime.catalogue)
            } catch {
                throw APIError.unavailable("the exchange counts cannot be read from the broker: \(error)")
            }
            return try JSONResponse.make(["departments": rows.filter { $0.value.sourceRecords + $0.value.received + Int64($0.value.rejectedTotal) > 0 }])
        }
        checks = SingleFlight(interval: .seconds(1)) { await Self.health(runtime: runtime, admin: admin) }
    }

    struct Check: Encodable, Sendable { var ok: Bool, detail: String }
    struct Health: Encodable, Sendable {
        var status: String, broker: Check, store: Check, grants: Check
        var ok: Bool { broker.ok && store.ok && grants.ok }
    }

    /// `/healthz` without an ops key: only ok or not.
    struct Status: Encodable { var status: String }

    func register(on router: Router<APIContext>) {
        router.get("/healthz") { _, context in
            let health = try await checks.value()
            let status: HTTPResponse.Status = health.ok ? .ok : .serviceUnavailable
            guard context.opsKey != nil else { return try JSONResponse.make(Status(status: health.status), status: status) }
            return try JSONResponse.make(health, status: status)
        }
        router.get("/metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: runtime.metrics.render(unacknowledged: runtime.audit.unacknowledged))))
        }
        router.get("/v1/stats") { _, context in
            try context.requireOps()
            return try await stats.value()
        }
        router.get("/openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
        }
    }

    /// Broker: topic metadata within 2 s. Store: one library read. Grants: caught up lately.
    static func health(runtime: APIRuntime, admin: KafkaAdmin) async -> Health {
        let broker: Check
        let start = ContinuousClock.now
        do {
            let topics = try await admin.listTopics(timeout: .seconds(2))
            broker = Check(ok: true, detail: "\(topics.count) topics, metadata in \(ContinuousClock.now - start)")
        } catch {
            broker = Check(ok: false, detail: "\(runtime.config.client.bootstrapServers): \(error)")
        }
        let store: Check
        if let library = runtime.library {
            do {
                _ = try library.record(.person, subject: "000000000000000000")
                store = Check(ok: true, detail: "library readable")
            } catch {
                store = Check(ok: false, detail: "library not readable: \(error)")
            }
        } else {
            store = Check(ok: false, detail: "no library (start with --library FILE)")
        }
        let age = runtime.grants.staleness
        let grants = Check(ok: age < runtime.config.maxGrantStaleness, detail: "caught up with ctl.grants \(age) ago")
        return Health(status: broker.ok && store.ok && grants.ok ? "ok" : "degraded", broker: broker, store: store, grants: grants)
    }
}
