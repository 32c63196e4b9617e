import Foundation
import ShuniuModel
import ShuniuRouter

/// The inputs of the router's hot path, as `shuniu bench router` feeds it: the repository's
/// catalogue, three grants on household-registration with projection and masks, and ~300-byte
/// events. Built once; every benchmark reuses them.
struct MicroFixture: Sendable {
    let catalogue: Catalogue
    let secret: HubSecret
    let router: Router
    let validator: EventValidator
    let table: GrantTable
    let records: [(key: [UInt8], headers: [EnvelopeHeader], value: [UInt8])]
    /// The subjects of `records`, in order.
    let subjects: [String]
    let source = SourcePosition(topic: "src.household-registration", partition: 0, offset: 42)

    init() {
        let topics = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../topics").standardizedFileURL
        do {
            catalogue = try CatalogueLoader.load(directory: topics)
        } catch {
            Swift.fatalError("the catalogue at \(topics.path) does not load: \(error)")
        }
        do {
            secret = try HubSecret(bytes: Array("micro-benchmark-secret-micro-benchmark".utf8))
        } catch {
            Swift.fatalError("\(error)")
        }
        router = Router(catalogue: catalogue, secret: secret)
        validator = EventValidator(catalogue: catalogue)
        guard let theme = catalogue.theme("household-registration") else { Swift.fatalError("no household-registration theme") }
        let subscribers = catalogue.departments.filter { $0.district == nil && $0.functions.contains(where: theme.entitles) }.prefix(3)
        let masks: [[String: String]] = [["citizen_id": "partial"], ["citizen_id": "pseudonym", "name": "partial:1:0"], ["birth_date": "year"]]
        var table = GrantTable()
        let workflow = GrantWorkflow(catalogue: catalogue)
        for (index, department) in subscribers.enumerated() {
            guard let function = department.functions.first(where: theme.entitles) else { continue }
            let application = GrantApplication(subscriber: department.id, theme: theme.id, function: function, basis: "micro-benchmark",
                                               fields: ["name", "sex", "birth_date", "district", "registration_status"],
                                               masks: masks[index % masks.count])
            do {
                for event in try workflow.apply(application, id: "g-micro-\(index)", at: "2025-01-02T09:00:00Z", table: table) {
                    if let refusal = table.apply(event, catalogue: catalogue) { Swift.fatalError("grant refused: \(refusal)") }
                }
            } catch {
                Swift.fatalError("grant refused: \(error)")
            }
        }
        self.table = table
        let districts = ["yuexiu", "liwan", "haizhu", "tianhe", "baiyun", "panyu"]
        subjects = (0..<64).map { n in
            CitizenID.make(region: "440106", year: 1950 + n % 60, month: 1 + n % 12, day: 1 + n % 28, sequence: n % 1000).value
        }
        records = (0..<64).map { n in
            let id = CitizenID.make(region: "440106", year: 1950 + n % 60, month: 1 + n % 12, day: 1 + n % 28, sequence: n % 1000).value
            let row: Row = ["citizen_id": .string(id), "name": "陈思远", "sex": .string(n % 2 == 0 ? "female" : "male"),
                            "birth_date": .string(String(format: "%04d-%02d-%02d", 1950 + n % 60, 1 + n % 12, 1 + n % 28)),
                            "ethnicity": "汉族", "address": .string("天河区天河路\(n % 999)号\(n % 30)栋\(n % 20)0\(n % 9)房"),
                            "district": .string(districts[n % districts.count]), "subdistrict": "天河南街道",
                            "household_id": .string("H\(n / 3)"), "registration_status": "active"]
            return ChangeEventCodec.encode(.upsert(id: "micro-\(n)", source: theme.provider, theme: theme.id, subject: id,
                                                   time: "2025-06-01T08:00:00Z", sequence: Int64(n), row: row))
        }
    }

    /// Decides record `n` (mod 64) under the three grants.
    func decide(_ n: Int, scope: inout ScopeMemory) -> RoutingResult {
        let record = records[n & 63]
        return router.decide(key: record.key, headers: record.headers, value: record.value, source: source, grants: table, scope: &scope)
    }
}
