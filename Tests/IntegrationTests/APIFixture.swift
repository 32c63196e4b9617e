import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ShuniuAPI
import ShuniuCredit
import ShuniuKafka
import ShuniuLibraries
import ShuniuModel
import ShuniuOpenData
import ShuniuStreams

/// A running API over real parts: a private Tansu broker (its own `ctl.grants` and
/// `audit.access`), a real library file filled through the store's public API, a real key
/// file, grants written to `ctl.grants`, and the service on a loopback socket.
final class APIFixture: @unchecked Sendable {
    // @unchecked Sendable: every stored property is set in init and never mutated after,
    // except `service`, which only deinit clears (no other reference exists then); the
    // broker, store and service are themselves safe to use from any task.
    static let catalogue = RoutingScenario.catalogue
    static let secret = try! HubSecret(bytes: Array("api-test-secret-api-test-secret-api".utf8))
    /// A person in Panyu with a household registration and a marriage; her spouse in Tianhe.
    static let panyuPerson = CitizenID.make(region: "440113", year: 1985, month: 3, day: 14, sequence: 124).value
    static let tianhePerson = CitizenID.make(region: "440106", year: 1983, month: 7, day: 2, sequence: 311).value
    /// An enterprise known by its credit code and by its older organisation code.
    static let enterprise = CreditCode.make(authority: "9", kind: "1", region: "440101", organisationBase: "MA5C3K7Q")
    static var organisationCode: String { enterprise.organisationCode }

    let broker: TestBroker
    let folder: URL
    let library: SQLiteLibraryReader
    /// Key text by department.
    let keys: [String: String]
    /// An ops key's text (`/v1/stats`, `/healthz` detail).
    let opsKey: String
    /// The key file.
    let keyPath: String
    /// Grant ids by name (`housing-household`, `housing-marriage`, `panyu-household`, `tax-enterprise`).
    let grants: [String: String]
    /// The service (cleared first in deinit, so its Kafka clients go before the broker).
    private(set) var service: APIService!

    /// `maxGrantStaleness` is generous by default: on a loaded CI machine the grant follower
    /// can miss the 10 s product default, and only the staleness test is about that.
    /// `publicCreditLimit` is the keyless credit rate limit (the product default unless a test is about it).
    init(credit: CreditReader? = nil, openData: SnapshotStore? = nil, maxGrantStaleness: Duration = .seconds(120),
         publicCreditLimit: ClientRateLimiter.Limit = APIConfig().publicCreditLimit,
         configure: (inout APIConfig) -> Void = { _ in }) async throws {
        broker = try TestBroker()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("shuniu-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        library = try Self.fillLibrary(at: folder.appendingPathComponent("library.sqlite").path)
        keyPath = folder.appendingPathComponent("api-keys.sqlite").path
        let store = try APIKeyStore(path: keyPath)
        var keys: [String: String] = [:]
        for department in ["housing-construction", "panyu-grid-centre", "tax", "natural-resources", "sharing-arbitration"] {
            keys[department] = try store.issue(department: department, label: "test", at: "2026-01-01T00:00:00Z").text
        }
        self.keys = keys
        opsKey = try store.issueOps(label: "test monitoring", at: "2026-01-01T00:00:00Z").text
        grants = try await Self.approveGrants(client: broker.client)
        var config = APIConfig()
        config.port = 0
        config.client = KafkaClientConfig(bootstrapServers: broker.bootstrap, clientID: "shuniu-api-test")
        config.keysPath = keyPath
        config.consentsPath = folder.appendingPathComponent("consents.sqlite").path
        config.secret = Self.secret
        config.instance = "test-\(UUID().uuidString.prefix(6))"
        config.maxGrantStaleness = maxGrantStaleness
        config.publicCreditLimit = publicCreditLimit
        configure(&config)
        service = try await APIService(config: config, catalogue: Self.catalogue, library: library, credit: credit,
                                       openData: openData, logger: Logger(label: "shuniu.api.test"))
    }

    deinit {
        service = nil
        // The broker is private and in memory: kill it at once (a SIGTERM waits ~10 s for
        // clients that librdkafka keeps connected until their handles are destroyed).
        if let pid = broker.pid {
            kill(pid, SIGCONT)
            kill(pid, SIGKILL)
        }
        broker.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs `body` against the service on a real loopback socket.
    func live<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await service.application.test(.live, body)
    }

    static func householdRow(_ id: String, name: String, district: String) -> String {
        #"{"citizen_id":"\#(id)","name":"\#(name)","sex":"female","birth_date":"1985-03-14","address":"\#(district)区市桥街1号","district":"\#(district)","household_id":"H-\#(district)-1","registration_status":"active"}"#
    }

    static func marriageRow(_ id: String, spouse: String) -> String {
        #"{"citizen_id":"\#(id)","name":"李梅","status":"married","spouse_citizen_id":"\#(spouse)","spouse_name":"王强","registered_on":"2010-05-01"}"#
    }

    static func enterpriseRow() -> String {
        #"{"credit_code":"\#(enterprise.value)","name":"广州示例科技有限公司","organisation_code":"\#(organisationCode)","status":"active","address":"天河路1号","district":"tianhe"}"#
    }

    /// A library file with the two persons and the enterprise (its organisation-code slice
    /// names the older code, which the store keeps as an alias).
    static func fillLibrary(at path: String) throws -> SQLiteLibraryReader {
        func change(_ library: LibraryKind, _ subject: String, _ theme: String, _ json: String, offset: Int64,
                    aliases: [String] = []) -> SliceChange {
            SliceChange(library: library, subject: subject, theme: theme, sequence: 1, row: Array(json.utf8),
                        lineage: Lineage(department: catalogue.theme(theme)!.provider, eventID: "\(theme)/\(subject)/1",
                                         sequence: 1, eventTime: "2025-06-01T08:00:00Z", source: "src.\(theme)/0/\(offset)"),
                        aliases: aliases)
        }
        let store = try SQLiteLibraryStore(path: path)
        _ = try store.apply(ProjectionBatch(changes: [
            change(.person, panyuPerson, "household-registration", householdRow(panyuPerson, name: "李梅", district: "panyu"), offset: 0),
            change(.person, tianhePerson, "household-registration", householdRow(tianhePerson, name: "王强", district: "tianhe"), offset: 1),
            change(.person, panyuPerson, "marriage", marriageRow(panyuPerson, spouse: tianhePerson), offset: 0),
            change(.entity, enterprise.value, "enterprise-registration", enterpriseRow(), offset: 0),
            change(.entity, enterprise.value, "organisation-code",
                   #"{"credit_code":"\#(enterprise.value)","organisation_code":"\#(organisationCode)","name":"广州示例科技有限公司"}"#,
                   offset: 0, aliases: [organisationCode]),
        ]))
        return try SQLiteLibraryReader(path: path)
    }

    /// Applies (and the hub approves: the themes are unconditional) four grants.
    static func approveGrants(client: KafkaClientConfig) async throws -> [String: String] {
        _ = try await KafkaAdmin(client: client).createTopics([NewTopic(name: Topics.grants, partitions: 1), NewTopic(name: Topics.identities, partitions: 1)])
        let log = try GrantLog(client: client, catalogue: catalogue, secret: Self.secret)
        let workflow = GrantWorkflow(catalogue: catalogue)
        let applications: [(String, GrantApplication)] = [
            ("housing-household", GrantApplication(subscriber: "housing-construction", theme: "household-registration",
                                                   function: "housing-security", basis: "《广州市公共租赁住房保障办法》",
                                                   fields: ["name", "address", "district"], masks: ["citizen_id": "partial"])),
            ("housing-marriage", GrantApplication(subscriber: "housing-construction", theme: "marriage",
                                                  function: "housing-security", basis: "《广州市公共租赁住房保障办法》第十条",
                                                  fields: ["status", "spouse_citizen_id"],
                                                  masks: ["citizen_id": "pseudonym", "spouse_citizen_id": "pseudonym"])),
            ("panyu-household", GrantApplication(subscriber: "panyu-grid-centre", theme: "household-registration",
                                                 function: "grid-management", basis: "番禺区网格化服务管理规定",
                                                 fields: ["name", "address"], scope: ["district": ["panyu"]])),
            ("tax-enterprise", GrantApplication(subscriber: "tax", theme: "enterprise-registration",
                                                function: "taxpayer-registration", basis: "《税收征收管理法》第十五条",
                                                fields: ["name", "status"])),
        ]
        var ids: [String: String] = [:]
        for (index, (name, application)) in applications.enumerated() {
            let id = "g-00000000000000a\(index)"
            try await log.catchUp()
            try await log.append(try workflow.apply(application, id: id, at: "2026-01-01T00:00:0\(index)Z", table: await log.table), secret: Self.secret)
            ids[name] = id
        }
        await log.close()
        return ids
    }
}

extension TestClientProtocol {
    /// A GET with the key of `department` (none when nil).
    func get(_ uri: String, as key: String?, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if let key { headers[.authorization] = "Bearer \(key)" }
        return try await execute(uri: uri, method: .get, headers: headers, body: nil)
    }

    /// A POST of `json` with the key of `department`.
    func post(_ uri: String, as key: String?, json: String) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let key { headers[.authorization] = "Bearer \(key)" }
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json))
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The body parsed as a JSON object.
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:] }

    /// `error.code` of an error answer.
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
}
