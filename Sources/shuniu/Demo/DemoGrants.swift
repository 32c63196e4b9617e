import ShuniuModel
import ShuniuStreams

/// The demo's realistic grants: who receives what, for which function, under which law.
///
/// Masks on citizen IDs are consistent per department (the compliance check refuses a masked
/// identifier that another of the department's grants delivers in clear, `recoverable-mask`):
/// civil affairs receives every theme under its own pseudonym, housing masks both the subject
/// and the spouse in marriage records, and the grid centre is scoped to its own district.
enum DemoGrants {
    static let applications: [GrantApplication] = [
        GrantApplication(subscriber: "panyu-grid-centre", theme: "household-registration", function: "grid-management",
                         basis: "广州市社区网格化服务管理办法", fields: ["name", "sex", "address", "district", "registration_status"],
                         masks: ["citizen_id": "partial"], scope: ["district": ["panyu"]]),
        GrantApplication(subscriber: "civil-affairs", theme: "household-registration", function: "social-assistance",
                         basis: "社会救助暂行办法 第十一条", fields: ["name", "birth_date", "district", "household_id", "registration_status"],
                         masks: ["citizen_id": "pseudonym", "birth_date": "year"]),
        GrantApplication(subscriber: "housing-construction", theme: "marriage", function: "housing-security",
                         basis: "广州市公共租赁住房保障办法", fields: ["status", "spouse_citizen_id", "registered_on"],
                         masks: ["citizen_id": "pseudonym", "spouse_citizen_id": "partial"]),
        GrantApplication(subscriber: "civil-affairs", theme: "bank-deposits-icbc-guangzhou", function: "social-assistance",
                         basis: "社会救助暂行办法 第四十八条 (家庭经济状况核对)", fields: ["name"], masks: ["citizen_id": "pseudonym"]),
        GrantApplication(subscriber: "civil-affairs", theme: "death", function: "social-assistance",
                         basis: "社会救助暂行办法", fields: ["died_on"], masks: ["citizen_id": "pseudonym"]),
        GrantApplication(subscriber: "civil-affairs", theme: "e-licences", function: "social-assistance",
                         basis: "社会救助暂行办法 第九条 (残疾人生活补贴)", fields: ["licence_type", "holder_citizen_id", "issuer", "status", "valid_until"],
                         masks: ["holder_citizen_id": "pseudonym"]),
    ]

    /// The parties that take the demo's steps: the subscribers and the providers.
    static func parties(_ catalogue: Catalogue) -> [String] {
        var parties: [String] = []
        for application in applications {
            for party in [application.subscriber, catalogue.theme(application.theme)?.provider] {
                if let party, !parties.contains(party) { parties.append(party) }
            }
        }
        return parties
    }

    /// Makes sure each demo grant is in force (re-running the demo reuses them); conditional
    /// ones are approved by their provider. Returns one line per grant.
    static func ensure(log: GrantLog, catalogue: Catalogue, now: String, keys: [String: SigningKey],
                       secret: HubSecret) async throws -> [String] {
        let workflow = GrantWorkflow(catalogue: catalogue)
        var lines: [String] = []
        for application in applications {
            try await log.catchUp()
            let table = await log.table
            if let existing = table.inForce(theme: application.theme, on: nil).first(where: { $0.application == application }) {
                lines.append("\(existing.id)  \(application.subscriber) ← \(application.theme) (in force)")
                continue
            }
            let id = "g-demo-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
            do {
                var events = try workflow.apply(application, id: id, at: now, table: table)
                if events.count == 1, let provider = catalogue.theme(application.theme)?.provider {
                    var pending = table
                    pending.apply(events[0], catalogue: catalogue)
                    events.append(try workflow.decide(id, approve: true, by: provider, reason: nil, at: now, table: pending))
                }
                try await log.append(signed: events.map { event in
                    event.signed(by: keys[event.by].map { ControlSigner(key: $0) } ?? .hub(secret))
                })
                let how = events[1].by == GrantWorkflow.hub ? "approved by the compliance check" : "approved by \(events[1].by)"
                lines.append("\(id)  \(application.subscriber) ← \(application.theme) for \(application.function): \(how)")
            } catch let refusal as GrantRefusal {
                lines.append("refused: \(application.subscriber) ← \(application.theme): \(refusal)")
            }
        }
        try await log.catchUp()
        return lines
    }
}
