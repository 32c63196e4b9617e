import Hummingbird
import NIOCore
import ShuniuKafka
import ShuniuLibraries
import ShuniuStreams
import Synchronization

/// `GET /healthz`, `GET /metrics`, `GET /v1/stats` and `GET /openapi.json`: for operators and
/// tooling, no key needed (they carry counts and reachability, no subject data).
struct OperationsRoutes: RouteGroup {
    let runtime: APIRuntime
    let admin: KafkaAdmin
    /// `/v1/stats` reads every source and dead-letter topic: answers are reused for 5 s.
    private let stats = StatsCache()

    /// The last `/v1/stats` answer and when it was read.
    final class StatsCache: Sendable {
        let answer = Mutex<(at: ContinuousClock.Instant, body: Response)?>(nil)
    }

    init(runtime: APIRuntime) throws(KafkaError) {
        self.runtime = runtime
        admin = try KafkaAdmin(client: runtime.config.client)
    }

    struct Check: Encodable { var ok: Bool, detail: String }
    struct Health: Encodable { var status: String, broker: Check, store: Check, grants: Check }

    func register(on router: Router<APIContext>) {
        router.get("/healthz") { _, _ in
            let health = await health()
            let ok = health.broker.ok && health.store.ok && health.grants.ok
            return try JSONResponse.make(health, status: ok ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: runtime.metrics.render())))
        }
        router.get("/v1/stats") { _, _ in
            if let cached = stats.answer.withLock({ $0 }), ContinuousClock.now - cached.at < .seconds(5) { return cached.body }
            let rows: [String: DepartmentExchange]
            do {
                rows = try await ExchangeStats.read(client: runtime.config.client, catalogue: runtime.catalogue)
            } catch {
                throw APIError.unavailable("the exchange counts cannot be read from the broker: \(error)")
            }
            let response = try JSONResponse.make(["departments": rows.filter { $0.value.sourceRecords + $0.value.received + Int64($0.value.rejectedTotal) > 0 }])
            stats.answer.withLock { $0 = (ContinuousClock.now, response) }
            return response
        }
        router.get("/openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
        }
    }

    /// Broker: topic metadata within 2 s. Store: one library read. Grants: caught up lately.
    func health() async -> Health {
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
